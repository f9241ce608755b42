"""The browser tier: the built site in Debian's Chromium, driven by Playwright."""
