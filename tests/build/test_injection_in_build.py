"""Hostile text in the data, built: no script, no event handler, no unsafe URL reaches a published page.

The payloads (``payloads.py``) are planted in text fields of six kinds of record; the site is built
with MkDocs and every page's content is read back. The unit tier checks ``md_text`` on each payload.
"""

from __future__ import annotations

from typing import Any

import yaml
from bs4 import BeautifulSoup
from helpers import PAYLOADS, DataCopy, mkdocs, project, quoted

UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")


def plant(copy: DataCopy) -> dict[str, list[str]]:
    """Put every payload into a text field of the data; return page URL → payloads expected on it."""
    def load(name: str) -> Any:
        return yaml.safe_load((copy.data / name).read_text(encoding="utf-8"))

    def dump(name: str, value: Any) -> None:
        (copy.data / name).write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")

    states, bodies, events = load("states.yml"), load("organisations.yml"), load("events.yml")
    instruments, topics = load("instruments.yml"), load("topics.yml")
    declaration = load("documents/cairo-2025.yml")
    expected: dict[str, list[str]] = {}
    # a quotation stands only where the entry cites a source whose text the record holds (`check` refuses it else)
    sources = {s["id"]: s for s in load("sources.yml")}
    def texted(group: list[Any]) -> list[Any]:
        return [r for r in group if any(sources[c["source"]].get("file") for c in r.get("cites", []))]

    in_states, in_bodies, in_events, in_topics = texted(states), texted(bodies), texted(events), texted(topics)
    for i, written in enumerate(PAYLOADS):
        payload = quoted(written)  # outside a quotation, `check` refuses the marks a reader takes for quotation marks
        slot = i % 6
        if slot == 0:
            record = in_states[i % len(in_states)]
            record.setdefault("notes", []).append(payload)
            url = f"states/{record['id']}/"
        elif slot == 1:
            record = in_bodies[i % len(in_bodies)]
            record["role"] = f"{record['role']} {payload}"
            url = f"organisations/{record['id']}/"
        elif slot == 2:
            record = in_events[i % len(in_events)]
            record["description"] = f"{record['description']} {payload}"
            url = "timeline/"
        elif slot == 3:
            record = instruments[i % len(instruments)]
            payload = " ".join(payload.split())  # a name is one line
            record.setdefault("names_in_record", []).append(payload)
            url = f"instruments/{record['id']}/"
        elif slot == 4:
            record = in_topics[i % len(in_topics)]
            record["description"] = f"{record.get('description') or ''} {payload}"
            url = "topics/"  # each topic a heading on the list of topics
        else:
            record = declaration["paragraphs"][i % len(declaration["paragraphs"])]
            payload = " ".join(payload.split())  # a title is one line
            record["title"] = payload
            url = f"documents/cairo-2025/{record['id']}/"
        expected.setdefault(url, []).append(payload)
    for name, value in [("states.yml", states), ("organisations.yml", bodies), ("events.yml", events),
                        ("instruments.yml", instruments), ("topics.yml", topics),
                        ("documents/cairo-2025.yml", declaration)]:
        dump(name, value)
    # A quotation in a description must be in a source's text (`check` looks): the payloads are put in them, and
    # the texts they were added to whole (straight marks of two payloads in one text can read as one quotation).
    planted = [*PAYLOADS, *(r.get("description") or "" for r in [*events, *topics]), *(r["role"] for r in bodies),
               *(note for r in states for note in r.get("notes", [])),
               *(name for r in instruments for name in r.get("names_in_record", []))]  # as a source writes them
    for seed in sorted((copy.data / "seeds").glob("*.txt")):
        with seed.open("a", encoding="utf-8") as stream:
            stream.write("\n" + "\n".join(" ".join(p.split()) for p in planted) + "\n")
    return expected


def unsafe_markup(article: Any) -> list[str]:
    """Script-capable markup in a page's content (the map is ours and carries no handler or script)."""
    found = []
    for element in article.find_all(True):
        if element.name == "style" and element.find_parent("svg", class_="km-map") is not None:
            continue  # the map's own style sheet, made by worldmap.py from no data text
        if element.name == "form" and element.get("class") == ["km-filter-form"] and not element.get("action"):
            continue  # the full text's filter (templates/_paragraph_filter.md.j2): it sends nothing anywhere
        if element.name in ("script", "iframe", "object", "embed", "form", "input", "style", "link", "meta",
                            "base", "math"):
            found.append(f"<{element.name}>")
        for attr, value in element.attrs.items():
            if attr.lower().startswith("on"):
                found.append(f"{element.name}[{attr}]")
            if attr in ("href", "src", "action", "formaction", "xlink:href", "srcdoc", "data"):
                text = "".join(str(value).split()).lower()
                if text.startswith(UNSAFE_SCHEMES) or attr == "srcdoc":
                    found.append(f"{element.name}[{attr}={value}]")
    return found


def test_no_payload_survives_as_markup(data_copy: DataCopy) -> None:
    root = project(data_copy)
    expected = plant(data_copy)
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    survived = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article")
        if article is not None:
            survived += [f"{page.relative_to(site)}: {m}" for m in unsafe_markup(article)]
    assert survived == []
    shown = 0
    for url, payloads in expected.items():
        soup = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
        text = " ".join(soup.select_one("article").get_text().split())  # type: ignore[union-attr]
        for payload in payloads:
            assert " ".join(payload.split()) in text, (url, payload)
            shown += 1
    assert shown == len(PAYLOADS)
