"""The terms of reuse, said once: what the record's editors license, under which licence, and what stays
under its publishers' terms. The Downloads page, the data package's ``licenses`` and the footer
(``copyright`` in ``mkdocs.yml``, checked against ``TERMS.footer()`` by the tests) are all written from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from khartoum_site.escape import Markdown, html_attr, html_text, link_url, md_text


@dataclass(frozen=True)
class Terms:
    """What the record's editors license, under which licence, and what stays under its publishers' terms."""

    licensed: str  # what the licence covers, as the object of "… are licensed under"
    name: str  # the licence's SPDX and Open Definition id, as Data Package ``licenses`` name it
    title: str
    short: str
    url: str
    reserved: str  # what the licence does not cover, as a sentence
    licensed_briefly: str  # the footer's words for ``licensed``, before a colon
    reserved_briefly: str  # the footer's words for ``reserved``, a sentence

    def _sentence(self, licence: str) -> str:
        return f"{self.licensed} are licensed under {licence}. {self.reserved}"

    def text(self) -> str:
        """The terms as plain text (the data package's description)."""
        return self._sentence(f"{self.title} ({self.short}, {self.url})")

    def markdown(self) -> Markdown:
        """The terms as Markdown, the licence linked (the Downloads page)."""
        return Markdown(md_text(self.licensed) + " are licensed under "
                        + f"[{md_text(self.title)} ({md_text(self.short)})]({link_url(self.url)}). "
                        + md_text(self.reserved))

    def footer(self) -> str:
        """The terms in brief, as one line of HTML under every page (``copyright`` in mkdocs.yml): what is licensed
        and the licence, linked, and what stays under its publishers' terms. The full sentence is on the
        Downloads page and in the data package; on every page it weighed 430 bytes.

        The link is underlined: in the footer it has the colour of the text around it, and colour
        alone must not tell a link (WCAG 1.4.1; the site's CSS underlines links in page bodies only).
        """
        return (html_text(self.licensed_briefly) + ": "
                + f'<a href="{html_attr(link_url(self.url))}" style="text-decoration: underline">'
                + f'{html_text(self.short)}</a>. ' + html_text(self.reserved_briefly))

    def licence(self) -> dict[str, str]:
        """The licence as a Data Package ``licenses`` item."""
        return {"name": self.name, "path": self.url, "title": f"{self.title} ({self.short})"}


TERMS = Terms(
    licensed="The record's compilation, its editorial annotations (titles, topics, notes) and the site's own text",
    name="CC-BY-4.0", title="Creative Commons Attribution 4.0 International", short="CC BY 4.0",
    url="https://creativecommons.org/licenses/by/4.0/",
    reserved="The quoted texts (the declaration's paragraphs, quotations from sources) remain under the terms "
             "of their publishers; the list of sources names each one's publisher where the record knows it.",
    licensed_briefly="The record's compilation, annotations and own text",
    reserved_briefly="Quoted texts remain under their publishers' terms.")
