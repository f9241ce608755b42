"""Every option of mkdocs.yml the site reads is checked as the configuration loads, with one line naming the
option: the plugin's edit_url template and data_dir, and site_url (which MkDocs accepts with any scheme).
Through the command line and a real build: tests/build/test_options_build.py."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from khartoum_site.adapters import engines, prepare

_WHY = ("(YAML reads 12:30, 0x1F and 1_000 as numbers, and yes, no, on and off as true or false: put a text in "
        "quotes)")
_NUMBER = "a whole number (YAML reads 12:30, 0x1F and 1_000 as numbers: put a text in quotes)"


@pytest.mark.parametrize(("template", "problem"), [
    ("https://github.com/org/repo/edit/main/{path}#L{line}", None),
    ("https://example.org/{path}", None),
    ("https://example.org/blob/{path}?line={line:d}", "the placeholder {line:d} has a format or a conversion"),
    ("https://example.org/{file}#L{line}", "unknown placeholder {file}: an edit link knows only {path}"),
    ("https://example.org/{0}", "unknown placeholder {0}"),
    ("https://example.org/{path.name}", "unknown placeholder {path.name}"),
    ("https://example.org/{path", "expected '}' before end of string (write a literal brace as {{ or }})"),
    ("https://example.org/}{path}", "Single '}' encountered"),
    ("https://example.org/{line:q}", "the placeholder {line:q} has a format or a conversion"),
    ("https://example.org/{line:>100000000000}", "the placeholder {line:>100000000000} has a format"),
    ("https://example.org/{line:0>20000000}", "the placeholder {line:0>20000000} has a format"),
    ("https://example.org/{line:0>{line}{line}{line}}", "the placeholder {line:0>{line}{line}{line}} has a format"),
    ("javascript:alert(1)//{path}", "must be an http or https address"),
    ("/edit/{path}", "must be an http or https address"),
    ('https://example.org/{path}" onmouseover="alert(1)', "holds characters an address cannot carry"),
    # a fifteenth attack: a browser reads the first as a path on the site itself
    ("https:evil.example/{path}", "must be an http or https address with a host and without a user name"),
    ("https://u:p@example.org/{path}", "must be an http or https address with a host and without a user name"),
    ("https://example.org/%zz/{path}", "holds a '%' that starts no escape of two hexadecimal digits, or '%00'"),
])
def test_edit_url_templates(template: str, problem: str | None) -> None:
    found = prepare.edit_url_problem(template)
    assert (found is None) if problem is None else (found is not None and found.startswith(problem)), found


@pytest.mark.parametrize(("site_url", "problem"), [
    (None, None), ("", None), ("https://owner.github.io/repo/", None), ("http://127.0.0.1:8000/", None),
    ("javascript://example.org/%0aalert(1)/", "must be an http or https address with a host"),
    ("ftp://example.org/", "must be an http or https address with a host"),
    ("https://example.org/?q=1", "is the address of the site's folder: it cannot have a query"),
    ('https://example.org/"onmouseover=x/', "holds characters an address cannot carry"),
    ("https://x.example/\udcff/", "holds characters an address cannot carry as they are (a non-ASCII letter, or "
                                  "bytes that are not UTF-8)"),  # $'\xff' in a shell: a byte that is not UTF-8
    ("https://user:pa55@x.example/", "holds a user name or password before its host"),
    ("https://www.iso.org@evil.example/", "holds a user name or password before its host"),
    ("https://x.example:99999999/", "has a port that is not a number from 1 to 65535, or no host"),
    # a thirteenth attack's rough edges: port 0 and an escape that is none were published in every canonical link
    ("https://x.example:0/", "has a port that is not a number from 1 to 65535, or no host"),
    ("https://:8443/kp/", "has a port that is not a number from 1 to 65535, or no host"),
    ("https://x.example/%zz/", "holds a '%' that starts no escape of two hexadecimal digits, or '%00'"),
    ("https://x.example/a%00/", "holds a '%' that starts no escape of two hexadecimal digits, or '%00'"),
    ("https://x.example/caf%C3%A9/", None),
    ("https://x.example:8443/kp/", None),
    ("https://x.example/kp", None),
    # AW1: an empty segment made the 404 page's root-relative links "//evil.example/…", another host's
    ("https://owner.github.io//evil.example/", "holds an empty segment ('//') or a '.' or '..' segment"),
    ("https://x.example//", "holds an empty segment ('//') or a '.' or '..' segment"),
    ("https://x.example/a/../b/", "holds an empty segment ('//') or a '.' or '..' segment"),
    ("https://x.example/a/%2e%2e/b/", "holds an empty segment ('//') or a '.' or '..' segment"),  # (D5)
    ("https://[::1]/kp/", "has an IPv6 address for its host"),  # (AY7)
])
def test_site_urls(site_url: str | None, problem: str | None) -> None:
    found = prepare.site_url_problem(site_url)
    assert (found is None) if problem is None else (found is not None and found.startswith(problem)), found


def config(tmp_path: Path, plugin: str = "", top: str = "", name: str = "X") -> Path:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "docs").mkdir(exist_ok=True)
    path = tmp_path / "mkdocs.yml"
    path.write_text(f"site_name: {json.dumps(name)}\n{top}theme:\n  name: material\nplugins:\n  - khartoum:\n{plugin}",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(("plugin", "top", "said"), [
    ("      edit_url: https://example.org/{file}#L{line}\n", "",
     "Plugin 'khartoum' option 'edit_url': unknown placeholder {file}: an edit link knows only {path} (the data "
     "file, relative to mkdocs.yml) and {line} (the record's line)"),
    ("      edit_url: [https://example.org/]\n", "",
     "Plugin 'khartoum' option 'edit_url': expected text, found a list"),  # MkDocs' Python names, said plainly
    ("      data_dir: nowhere\n", "", "Plugin 'khartoum' option 'data_dir': The path '"),
    # a thirteenth attack: a fill of quotes the example path did not need closed the link's attribute on shorter ones
    ("      edit_url: 'https://x.org/{path:\"<15}/onmouseover=location=name//'\n", "",
     'the placeholder {path:"<15} has a format or a conversion; write {path} and {line} alone'),
    ("      edit_url: 'https://x.org/{path!r}#L{line}'\n", "",
     "the placeholder {path!r} has a format or a conversion; write {path} and {line} alone"),
    ("      colour: red\n", "", "Plugin 'khartoum' option 'colour': Unrecognised configuration name: colour"),
    ("", "site_url: javascript://example.org/\n", "site_url must be an http or https address with a host"),
    # base.yml is a YAML list: MkDocs' merge raises TypeError, whose words say nothing of the file
    ("", "INHERIT: base.yml\n", "(a file INHERIT names is not settings written as key: value lines?)"),
    # itself: MkDocs' merge raises RecursionError, "maximum recursion depth exceeded"
    ("", "INHERIT: mkdocs.yml\n", "cannot be read: its INHERIT leads back to a file already read (the file itself, "
                                  "or through another one)"),
    # an eighteenth attack: a recursive alias took Zensical round until Python's recursion limit
    ("", "extra: &a\n  x: *a\n", "line 2: an alias names a value that holds it, a loop no engine can read: remove it"),
    # a fifteenth attack: 100,000 '[' were blamed on INHERIT
    ("", "x: " + "[" * 100_000 + "\n", "cannot be read: a value nests too deeply (hundreds of '[' or '{' in a row)"),
    ("", "site_description: x\nsite_author: y\n", "site_name holds the character '\\ufffe'"),
    # an eleventh attack: INHERIT and custom_dir of another kind than a path ended in Python's own words
    ("", "INHERIT: [a.yml, b.yml]\n", "INHERIT must be the path of one settings file, written as text; it is "
                                      "[a.yml, b.yml]"),  # (as YAML writes it, not as Python does: BT7)
    ("", "INHERIT: ''\n", "INHERIT must be the path of one settings file, written as text; it is ''"),
    ("", "INHERIT: {a: 1}\n", "INHERIT must be the path of one settings file, written as text; it is key: value "
                              f"settings whose a is {_NUMBER}"),
    # a thirteenth attack: a key given twice was accepted (MkDocs keeps the last without a word)
    ("", "INHERIT: a.yml\nINHERIT: b.yml\n", "line 3: INHERIT is given a second time in the same place (the first "
                                              "would be dropped without a word): keep one"),
    ("      edit_url: https://x.org/{path}\n      edit_url: https://y.org/{path}\n", "",
     "line 7: edit_url is given a second time in the same place"),
])
def test_a_bad_option_stops_with_one_line_naming_it(tmp_path: Path, plugin: str, top: str, said: str) -> None:
    (tmp_path / "base.yml").write_text("- a list\n- not a mapping\n", encoding="utf-8")
    if "site_author" in top:  # the name itself: one the feed's XML cannot carry
        top = ""
        name = "X\ufffe"
    else:
        name = "X"
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(config(tmp_path, plugin, top, name))
    message = str(refused.value)
    assert said in message, message
    assert "\n" not in message
    assert "Traceback" not in message


@pytest.mark.parametrize(("top", "said"), [
    # an attack's BM5: MkDocs' refusals in Python's words ("got a int: 5", "a <class 'int'> was given")
    ("nav: 5\n", "the setting 'nav' must be a list of pages, found the number 5"),
    ("nav: x.md\n", "the setting 'nav' must be a list of pages, found the text 'x.md'"),
    ("nav: [{A: a.md, B: b.md}]\n", "the setting 'nav' has an entry that is not one title with its page (Title: "
                                    "page.md), found a mapping with the keys 'A', 'B'"),
    ("nav: [true]\n", "the setting 'nav' has an entry that is neither a page nor a title with its page (Title: "
                      "page.md), found the value true"),
    ("exclude_docs: 5\n", "the setting 'exclude_docs' must be text, one pattern a line (write it after |), found a "
                          "whole number"),
    ("validation: 5\n", "the setting 'validation' holds a whole number where it reads settings written as key: value "
                        "lines"),
    ("validation:\n  nav:\n    omitted_files: [5]\n", "the setting 'validation.nav.omitted_files' must be text, "
                                                       "found a list"),
    ("watch: 5\n", "the setting 'watch' must be a list, found a whole number"),
    ("site_url: 5\n", f"the setting 'site_url' must be text, found a whole number {_WHY}"),
    # an attack's BT7: what made the text a number or true or false, said
    ("site_author: 12:30\n", f"the setting 'site_author' must be text, found a whole number {_WHY}"),
    ("site_description: yes\n", f"the setting 'site_description' must be text, found true or false {_WHY}"),
    ("extra_templates: 5\n", "the setting 'extra_templates' must be a list, found a whole number"),
])
def test_a_setting_of_another_kind_is_said_in_plain_words(tmp_path: Path, top: str, said: str) -> None:
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(config(tmp_path, top=top))
    assert str(refused.value) == f"{tmp_path / 'mkdocs.yml'}: cannot be read: {said}"


@pytest.mark.parametrize("inherit", ["INHERIT: pipe.yml\n", "INHERIT: 'base/pipe.yml'  # shared\n",
                                     "INHERIT: base/chain.yml\n", "INHERIT: folder\n"])
def test_an_inherit_of_a_named_pipe_or_a_folder_is_refused_without_waiting(tmp_path: Path, inherit: str) -> None:
    """MkDocs' loader opened a named pipe that INHERIT named and waited on it for ever (found by an attack)."""
    (tmp_path / "base").mkdir()
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "pipe.yml")
    os.mkfifo(tmp_path / "base" / "pipe.yml")
    (tmp_path / "base" / "chain.yml").write_text("INHERIT: ../pipe.yml\n", encoding="utf-8")
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(config(tmp_path, top=inherit))
    message = str(refused.value)
    assert "is not a plain file (a folder, a named pipe or a device)" in message
    assert "\n" not in message


@pytest.mark.parametrize(("plugin", "top", "theme", "said"), [
    ("", "use_directory_urls: false\n", "", "use_directory_urls is false, but each page of the record is a folder (a "
     "paragraph's address is documents/cairo-2025/op-12/), and every permanent link and redirect leads to one: remove "
     "the setting"),
    ("", "", "  variant: [classic]\n", "theme.variant must be one word written as text (Zensical's 'classic' or "
     "'modern'); it is [classic]"),
    ("      data_dir: docs\n", "", "", "docs_dir docs and the khartoum plugin's data_dir docs overlap: an engine "
     "would publish the data's files as they are, beside its pages, or the data would read the pages as records; give "
     "each a folder of its own"),
    ("      data_dir: docs/data\n", "", "", "overlap"),
    ("", "docs_dir: .git/pages\n", "", "docs_dir .git/pages is in the folder .git, which a tool keeps for itself "
     "(git's history, a cache): an engine would publish its files; give the pages a folder of their own, such as "
     "docs/"),
    ("", "docs_dir: .cache\n", "", "docs_dir .cache is in the folder .cache, which a tool keeps for itself"),
    ("", "markdown_extensions:\n  - pymdownx.magiclink\n", "", "markdown_extensions lists pymdownx.magiclink, which "
     "turns bare addresses and @names into links: the record's texts, quoted as their sources write them, would "
     "show changed on its pages; remove it"),
    ("", "markdown_extensions:\n  - toc\n  - smarty\n", "", "markdown_extensions lists smarty, which turns "
     "straight quotes and dashes into typographic ones"),
    # a fifteenth attack: settings MkDocs' and Material's templates write as they are (extra is MkDocs' own mapping)
    ("", "extra:\n  social:\n    - link: 'javascript:alert(9)'\n", "", "extra.social link 1 is a javascript: address"),
    ("", "nav:\n  - J: 'javascript:alert(23)'\n", "", "nav entry 'J' is a javascript: address"),
    ("", "site_description: '\"><script>alert(7)</script>'\n", "", "site_description holds '\"'"),
    # a sixteenth attack: values MkDocs gives as objects of its own, not str, passed the checks of str values
    ("", "repo_url: https://x.org/r/\nedit_uri_template: 'javascript:alert({path})'\n", "",
     "edit_uri_template is a javascript: address"),
    ("", "repo_url: https://x.org/r/\nedit_uri_template: 'https://x.org/{path}\"onfocus=\"alert(3)'\n", "",
     "edit_uri_template holds '\"'"),
    ("", "", "  logo: !relative $docs_dir/a\"><script>alert(81)</script>.png\n", "theme.logo holds '\"'"),
    ("", "", "  logo: ['\"><script>alert(84)</script>']\n", "theme.logo must be written as text; it is "),
    ("", "extra:\n  social:\n    - link: 'javascript&colon;alert(95)'\n", "", "extra.social link 1 holds the "
     "character reference '&colon;', which a browser reads as another character in a link"),
    ("", "extra:\n  social:\n    - link: '&#106;avascript:alert(96)'\n", "", "extra.social link 1 holds the "
     "character reference '&#'"),
    ("", "", "  font:\n    text: ['Roboto\"></style><script>alert(53)</script>']\n",
     "theme.font.text must be a font's name (letters, digits, spaces, + and -)"),
    ("", "extra:\n  social: !!python/tuple [{link: 'javascript:alert(1)'}]\n", "", "extra.social link 1 is a "
     "javascript: address"),
    ("", "markdown_extensions:\n  - markdown.extensions.smarty:SmartyExtension\n", "", "markdown_extensions lists "
     "markdown.extensions.smarty:SmartyExtension, which turns straight quotes and dashes into typographic ones"),
    ("", "", "  features: 5\n", "theme.features must be a list of the theme's feature names"),
    ("", "", "  palette: [5]\n", "theme.palette must be a colour scheme's settings"),
    ("", "markdown_extensions:\n  - pymdownx.fancylists\n", "", "markdown_extensions lists pymdownx.fancylists, "
     "which turns a line starting with a letter or a roman numeral and a dot into a list"),
    ("", "markdown_extensions:\n  - pymdownx.arithmatex\n", "", "markdown_extensions lists "
     "pymdownx.arithmatex, which reads text between dollar signs as mathematics"),
])
def test_a_layout_that_builds_another_site_is_refused(tmp_path: Path, plugin: str, top: str, theme: str,
                                                      said: str) -> None:
    """A fourteenth attack's rough edges: each of these built a site of hundreds of broken links, published a
    hidden folder, or passed a value the engine could not read, with no line naming the setting."""
    for folder in ("docs/data", ".git/pages", ".cache"):
        (tmp_path / folder).mkdir(parents=True)
    path = config(tmp_path, plugin, top)
    path.write_text(path.read_text(encoding="utf-8").replace("  name: material\n", f"  name: material\n{theme}"),
                    encoding="utf-8")
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: "), message
    assert said in message, message
    from mkdocs.config import load_config  # here: the unit tier imports MkDocs only where it needs it
    from mkdocs.exceptions import PluginError

    loaded = load_config(config_file=str(path))  # `mkdocs build` itself stops on it too
    loaded.plugins["khartoum"].on_startup(command="build", dirty=False)
    with pytest.raises(PluginError) as stopped:
        loaded.plugins["khartoum"].on_config(loaded)
    assert said in str(stopped.value)


def test_an_extension_that_fails_to_load_is_named_without_its_traceback(tmp_path: Path) -> None:
    """An option of the wrong kind for an extension: MkDocs put the whole traceback into its message."""
    path = config(tmp_path, top="markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: x\n")
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(path)
    assert str(refused.value) == (f"{path}: cannot be read: Config value 'markdown_extensions': Failed to load "
                                  "extension 'pymdownx.emoji'. (TypeError: 'str' object is not callable)")


def test_a_parent_s_settings_are_checked_as_zensical_merges_them(tmp_path: Path) -> None:
    """A sixteenth attack: a parent file named by INHERIT listed a javascript: social link and pymdownx.snippets; the
    child's own lists replaced them in MkDocs' merge, which the check read, but Zensical appends lists, and both
    reached its pages (a page showed the machine's /etc/hostname)."""
    (tmp_path / "base.yml").write_text("extra:\n  social:\n    - link: 'javascript:alert(111)'\n", encoding="utf-8")
    path = config(tmp_path, top="INHERIT: base.yml\nextra:\n  social:\n    - link: https://ok.example/\n")
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(path)
    assert str(refused.value) == (f"{path}: base.yml: extra.social link 1 is a javascript: address; a link of the "
                                  "site's theme must be a path in the site or an http or https or mailto address; it "
                                  "is 'javascript:alert(111)'")
    (tmp_path / "base.yml").write_text("markdown_extensions:\n  - pymdownx.snippets:\n      check_paths: false\n",
                                       encoding="utf-8")
    with pytest.raises(engines.ConfigError) as refused_again:
        engines.read_settings(path)
    assert str(refused_again.value).startswith(f"{path}: base.yml: markdown_extensions lists pymdownx.snippets, which "
                                               "includes a file a line names")


@pytest.mark.parametrize("where", ["mkdocs.yml", "base.yml"])
def test_a_tag_that_runs_code_is_refused_before_it_runs(tmp_path: Path, where: str) -> None:
    """A sixteenth attack: !!python/object/apply:os.system in mkdocs.yml ran a command with every engine (PyYAML's
    full loader, which MkDocs uses). The command refuses it before anything reads the file's values."""
    (tmp_path / "base.yml").write_text("site_author: x\n", encoding="utf-8")
    path = config(tmp_path, top="INHERIT: base.yml\n")
    made = tmp_path / "made"
    tag = f"x: !!python/object/apply:os.mkdir [{str(made)!r}]\n"
    target = tmp_path / where
    target.write_text(target.read_text(encoding="utf-8") + tag, encoding="utf-8")
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(path)
    assert "the tag !!python/object/apply:os.mkdir makes Python run code as the file is read: remove it" in \
        str(refused.value)
    assert not made.exists()


def test_a_configuration_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    """A sixteenth attack saved mkdocs.yml as UTF-16: MkDocs read it, Zensical stopped naming no file."""
    path = config(tmp_path)
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(path)
    assert str(refused.value) == f"{path}: is not UTF-8 text: save it as UTF-8 (every engine reads it so)"


def test_the_plugin_refuses_a_site_url_of_another_scheme(tmp_path: Path) -> None:
    """`mkdocs build` itself (not only the command line) stops on it, before the site folder is touched."""
    from mkdocs.config import load_config  # here: the unit tier imports MkDocs only where it needs it
    from mkdocs.exceptions import PluginError

    loaded = load_config(config_file=str(config(tmp_path, top="site_url: javascript://example.org/\n")))
    plugin = loaded.plugins["khartoum"]
    plugin.on_startup(command="build", dirty=False)
    with pytest.raises(PluginError, match=r"^site_url must be an http or https address with a host"):
        plugin.on_config(loaded)


@pytest.mark.parametrize(("name", "problem"), [
    ("Khartoum Process record", None), ("Процесс — 喀土穆 (record)", None),
    ("Evil\n# Version: 666", "holds the character '\\n'"), ("A\ufffe", "holds the character '\\ufffe'"),
    ("\udcff", "holds the character '\\udcff'"), ("tab\there", "holds the character '\\t'"),
    # the theme writes the name raw into every page: markup live, bidi and invisible characters unseen (an attack)
    ("X</title><script>alert(1)</script>", "holds the character '<', which the theme would write into every page"),
    ("X\u202eY", "holds the character '\\u202e'"), ("Record\u200b", "holds the character '\\u200b'"),
    ('X" onmouseover=alert(1) y', "holds the character '\"', which the theme would write into every page"),
    ("Migration & Development", None), ("The record's pages", None),
    # a seventh attack: a reference showed one name on the pages and another in the feed and citations; an empty
    # name and one of 100,000 characters (a 202 MB site) were built
    ("Record &lt;script&gt;", "holds the character reference &lt;"), ("A &#169; B", "holds the character reference"),
    ("", "is empty"), ("   ", "is empty"), ("x" * 201, "is 201 characters long"), ("x" * 200, None),
])
def test_site_names(name: str, problem: str | None) -> None:
    found = prepare.site_name_problem(name)
    assert (found is None) if problem is None else (found is not None and found.startswith(problem)), found


@pytest.mark.parametrize("written", ["https://example.org/\nrecord/", "https://example.org/re\tcord/"])
def test_a_site_url_with_a_line_break_or_tab_is_refused_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   written: str) -> None:
    """An eleventh attack's SITE_URL held a line break: MkDocs dropped it as it read the address, and the site was
    published at another one. The address is checked as the configuration file gives it."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: !ENV SITE_URL\n", encoding="utf-8")
    monkeypatch.setenv("SITE_URL", written)

    class Config:
        config_file_path = str(tmp_path / "mkdocs.yml")
        site_url = written.replace("\n", "").replace("\t", "")  # as MkDocs reads it

    assert prepare.written_site_url(Config()) == written
    found = prepare.settings_problem(Config.site_url, "The record", Path("docs"), None,
                                     prepare.written_site_url(Config()))
    assert found is not None
    assert found.startswith("site_url holds a control character (a line break or a tab), which MkDocs drops")
    assert "\\x0a" in found or "\\x09" in found
    assert "\n" not in found
    assert "\t" not in found
    assert prepare.settings_problem(Config.site_url, "The record", Path("docs")) is None  # unseen once read


@pytest.mark.parametrize(("custom_dir", "shown"), [
    ("[a, b]", "[a, b]"), ("7", _NUMBER), ("{a: b}", "{a: b}"),
    ("yes", "true or false (YAML reads yes, no, on and off so: put a text in quotes)"),  # (not True: BT7)
])
def test_a_custom_dir_that_is_not_a_path_stops_with_one_line(tmp_path: Path, custom_dir: str, shown: str) -> None:
    """An eleventh attack's custom_dir of a list or a number ended in Python's words about os.path."""
    path = tmp_path / "mkdocs.yml"
    path.write_text(f"site_name: X\ntheme:\n  name: material\n  custom_dir: {custom_dir}\nplugins:\n  - khartoum\n",
                    encoding="utf-8")
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(path)
    assert str(refused.value) == (f"{path}: theme.custom_dir must be the path of a folder, written as text; it is "
                                  f"{shown}")


@pytest.mark.parametrize("written", ["site_url: 'http://['", "site_url: !ENV [KP_TEST_SITE_URL]"])
def test_a_site_url_whose_host_cannot_be_read_names_the_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 written: str) -> None:
    """A corpus's case: MkDocs' loader ended on "http://[" in urllib's words ("Invalid IPv6 URL"), no setting named."""
    monkeypatch.setenv("KP_TEST_SITE_URL", "https://[::1")
    path = tmp_path / "mkdocs.yml"
    path.write_text(f"site_name: X\n{written}\nplugins:\n  - khartoum\n", encoding="utf-8")
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(path)
    by = ", read from the environment variable KP_TEST_SITE_URL," if "!ENV" in written else ""
    assert str(refused.value).startswith(f"{path}: site_url{by} is not an address that can be read (Invalid IPv6 URL)")


def test_a_theme_that_is_no_name_nor_settings_stops_with_one_line(tmp_path: Path) -> None:
    """An attack's AY6: "theme: 5" ended in the message of an error not foreseen (TypeError)."""
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: X\ntheme: 5\nplugins:\n  - khartoum\n", encoding="utf-8")
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(path)
    assert str(refused.value) == (f"{path}: theme must be a theme's name (material) or its settings (name: "
                                  f"material, …); it is {_NUMBER}")


def test_a_theme_folder_outside_the_project_is_refused(tmp_path: Path) -> None:
    """An attack's AY4: a custom_dir outside the project (not through a link) had its files published."""
    (tmp_path / "project" / "overrides").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    project_dir = tmp_path / "project"
    assert prepare.settings_problem(None, "X", project_dir / "docs", str(project_dir / "overrides"), None,
                                    project_dir) is None
    found = prepare.settings_problem(None, "X", project_dir / "docs", str(tmp_path / "outside"), None, project_dir)
    assert found == (f"theme.custom_dir {tmp_path / 'outside'} is outside the project ({project_dir}): an engine "
                     "publishes the theme folder's files with the site; give the theme's files a folder of their own "
                     "in the project, such as overrides/")
    # (the site's own templates, which the engines name there, are the tool's)
    assert prepare.settings_problem(None, "X", project_dir / "docs", str(prepare.THEME_DIR), None, project_dir) is None


@pytest.mark.parametrize("kept", ["key", "temporary folder"])
def test_a_theme_folder_holding_the_tool_s_own_files_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              kept: str) -> None:
    """A thirteenth attack set custom_dir to the user's cache folder, then to TMPDIR: the engine published the
    key and the compiled templates with the site."""
    import tempfile

    theme = tmp_path / "theme"
    theme.mkdir()
    if kept == "key":
        monkeypatch.setenv("XDG_CACHE_HOME", str(theme))
    else:
        monkeypatch.setattr(tempfile, "tempdir", str(theme / "tmp"))
    (tmp_path / "docs").mkdir()
    found = prepare.settings_problem(None, "The record", tmp_path / "docs", str(theme))
    assert found is not None
    assert found.startswith(f"theme.custom_dir {theme} holds ")
    assert "which the tool keeps for itself: an engine publishes that folder's files with the site" in found


def test_a_site_url_whose_host_cannot_be_read_is_one_line() -> None:
    """`linkcheck --site-url 'https://[::1'` and SITE_URL so ended in Python's ValueError (fourteenth attack)."""
    assert prepare.site_url_problem("https://[::1") == (
        "is not an address that can be read (Invalid IPv6 URL); it is 'https://[::1'")


_SCHEME = {"media": "(prefers-color-scheme: light)", "scheme": "default",
           "toggle": {"icon": "material/weather-night", "name": "Switch to dark mode"}}


@pytest.mark.parametrize(("settings", "said"), [
    # a fourteenth attack: a quote in each ended the edit link's attribute, an event handler after it
    ({"repo_url": 'https://x.org/r"onmouseover="alert(1)'}, "repo_url holds '\"', which would end the link's "
                                                              "attribute: percent-encode it"),
    ({"edit_uri": 'e"onmouseover="alert(2)/'}, "edit_uri holds '\"'"),
    ({"edit_uri_template": "https://x.org/{path}' onfocus='alert(3)"}, "edit_uri_template holds \"'\""),
    # a fifteenth attack: what MkDocs' and Material's templates write as it is, beside those
    ({"edit_uri": "javascript:alert(1)//"}, "edit_uri is a javascript: address; a link of the site's theme must be a "
                                             "path in the site or an http or https address"),
    ({"edit_uri_template": "javascript:alert({path})"}, "edit_uri_template is a javascript: address"),
    ({"site_description": '"><script>alert(7)</script>'}, "site_description holds '\"', which the theme writes into "
     "the page as it is (it would end an attribute or start markup): use “ ” for quotation marks and leave out < "
     "and >"),
    ({"site_author": "<b>x</b>"}, "site_author holds '<'"),
    ({"repo_name": 'r"><script>alert(1)</script>'}, "repo_name holds '\"'"),
    ({"theme": {"name": "material", "favicon": "javascript:alert(12)"}}, "theme.favicon is a javascript: address"),
    ({"theme": {"name": "material", "logo": '"><script>alert(11)</script>.png'}}, "theme.logo holds '\"'"),
    ({"extra": {"social": [{"icon": "x", "link": "javascript:alert(9)"}]}}, "extra.social link 1 is a javascript: "
                                                                              "address"),
    ({"extra": {"social": [{"link": "https://x.org/", "name": "<img src=x onerror=alert(1)>"}]}},
     "extra.social name 1 holds '<'"),
    ({"nav": ["index.md", {'"><script>alert(21)</script>': "downloads.md"}]}, "nav title '\"><script>alert(21)"
                                                                               "</script>' holds '\"'"),
    ({"nav": [{"Part": [{"J": "javascript:alert(23)"}]}]}, "nav entry 'J' is a javascript: address; a link of the "
                                                           "site's theme must be a path in the site or an http or "
                                                           "https or mailto address"),
    ({"nav": [{"D": "data:text/html,<script>alert(25)</script>"}]}, "nav entry 'D' holds '<'"),
    ({"theme": {"name": "readthedocs"}}, "theme.name is 'readthedocs': the site is drawn by Material for MkDocs"),
    ({"extra": {"homepage": "javascript:alert(1)"}}, "extra.homepage is a javascript: address"),
    ({"extra": {"alternate": [{"name": "Fr", "link": "/fr/", "lang": 'fr"onmouseover="x'}]}},
     "extra.alternate lang 1 holds '\"'"),
    ({"extra": {"alternate": [{"name": "Fr", "link": "data:text/html,x", "lang": "fr"}]}},
     "extra.alternate link 1 is a data: address"),
    ({"extra": {"polyfills": ['https://x.org/p.js"><script>alert(1)</script>']}}, "extra.polyfills holds '\"'"),
    ({"extra": {"analytics": {"provider": "google", "property": 'G-X");alert(74);//'}}},
     "extra.analytics.property must be an id of letters, digits"),
    # a seventeenth attack: MkDocs fills edit_uri_template with Python's formatter, whose fields read attributes
    ({"edit_uri_template": "javascript{path.count.__doc__[120]}alert(1)"}, "edit_uri_template has the placeholder "
     "{path.count.__doc__[120]}; it may hold only {path} and {path_noext} (with !q)"),
    ({"edit_uri_template": "https://x.org/{path:40}"}, "edit_uri_template has the placeholder {path:40}"),
    # and Material's options outside the list: the cookie banner, the palette, extra.scope, an icon's key
    ({"extra": {"consent": {"title": "<img src=x onerror=alert(73)>"}}}, "extra.consent.title holds '<', which a "
     "template of the theme writes into the page as it is"),
    ({"theme": {"name": "material", "palette": [{"scheme": "slate\tonclick=alert(1)"}]}},
     "theme.palette[1].scheme holds '\\t'"),
    ({"extra": {"scope": '/");alert(63);//'}}, "extra.scope holds '\"'"),
    ({"theme": {"name": "material", "icon": {"logo": 5}}},
     f"theme.icon.logo must name an icon, such as material/pencil; it is {_NUMBER}"),
    ({"theme": {"name": "material", "icon": {"admonition": {"x:1}</style><script>": "material/pencil"}}}},
     "theme.icon.admonition has the key 'x:1}</style><script>': a key here is a name of letters, digits"),
    # an eighteenth attack: a CSS rule as a key, and !!binary or !!set values, written as b'...' or {...}
    ({"theme": {"name": "material", "icon": {"admonition": {"x;}body{display:none}:root{--y": "material/pencil"}}}},
     "theme.icon.admonition has the key 'x;}body{display:none}:root{--y'"),
    ({"theme": {"name": "material", "palette": [{"primary": b'indigo"/onload="alert(61)//'}]}},
     "theme.palette[1].primary must be written as text; it is binary data (!!binary)"),
    ({"extra": {"consent": {"title": {"<img src=x onerror=alert(73)>"}}}}, "extra.consent.title must be written as "
                                                                           "text"),
    ({"extra": {"analytics": {"provider": "google", "property": "G-ABC",
                              "feedback": {"ratings": [{"link": "vbscript:x"}]}}}},
     "extra.analytics.feedback.ratings[1].link is a vbscript: address"),
    ({"theme": {"name": "material", "direction": 'rtl"onmouseover="alert(52)'}}, "theme.direction must be ltr or rtl"),
    ({"theme": {"name": "material", "font": {"text": 'Roboto"><script>alert(53)</script>'}}},
     "theme.font.text must be a font's name (letters, digits, spaces, + and -)"),
    ({"extra_css": ['https://x.org/a.css"><script>alert(143)</script>']}, "extra_css holds '\"'"),
    ({"extra_javascript": ["assets/a.js", "javascript:alert(142)"]}, "extra_javascript is a javascript: address"),
    ({"extra_javascript": [{"path": "assets/a.js", "type": 'module" onload="alert(92)'}]},
     "extra_javascript: the type of assets/a.js must be a word such as module"),
    ({"extra": {"scope": "\\"}}, "extra.scope holds '\\\\'"),
    # BE3: a page listed twice failed the build on "the anchor '#__toc' given to two elements", naming no setting
    ({"nav": ["index.md", {"The record": [{"States": "states/index.md"}]}, {"Again": "/states/index.md"}]},
     "nav lists the page /states/index.md twice; the theme gives both places one anchor: list it once"),
    ({"nav": ["about.md", {"Again": "about/index.md"}]},  # one page, two files' names (review D5-19)
     "nav lists the page about/index.md twice"),
    # an attack's BH6: a list stopped the engine in Jinja's words; a code the theme does not have, after the build
    ({"theme": {"name": "material", "language": ["en"]}},
     "theme.language must be a language's code written as text, such as en or pt-BR; it is [en]"),
    ({"theme": {"name": "material", "language": "zz"}}, "theme.language is zz, a language the theme does not have"),
    # an attack's BJ5: the footer's terms, HTML the theme writes on every page as it is
    ({"copyright": "<script>alert(1)</script>"}, "copyright, which the theme writes into every page's footer as it "
                                                 "is, holds the element <script>"),
    ({"copyright": '<a href="javascript:alert(2)">terms</a>'},
     "copyright, which the theme writes into every page's footer as it is, holds a link to 'javascript:alert(2)': it "
     "may hold text, links (http, https, mailto) and emphasis only"),
    ({"copyright": '<a href="https://x.org/" onclick="x">t</a>'},
     "copyright, which the theme writes into every page's footer as it is, holds the attribute onclick"),
    # an attack's BP4: settings of another kind the build stopped on in MkDocs' words, or in broken links
    ({"theme": {"name": "material", "logo": 5}}, f"theme.logo must be a path or an address; it is {_NUMBER}"),
    ({"theme": {"name": "material", "static_templates": 5}}, "theme.static_templates must be a list of template "
                                                              f"names; it is {_NUMBER}"),
    ({"theme": {"name": "material", "palette": [{"scheme": 5}]}}, "theme.palette must be colour settings written "
                                                                   f"as text (scheme: slate); its scheme in scheme 1 "
                                                                   f"is {_NUMBER}"),
    ({"extra_css": [5]}, f"extra_css must be a list of paths; entry 1 is {_NUMBER}"),
    ({"extra": {"social": 5}}, f"extra.social must be a list of links (icon, link, name), each as text; it is "
                               f"{_NUMBER}"),
    # an attack's BT7: a name 12:30, read as a number of minutes, was said as [{'icon': …, 'name': 750}]
    ({"extra": {"social": [{"icon": "material/github", "link": "https://x.org/", "name": 750}]}},
     f"extra.social must be a list of links (icon, link, name), each as text; the name of entry 1 is {_NUMBER}"),
    ({"extra": {"alternate": [{"link": 5}]}}, "extra.alternate must be a list of languages (name, link, lang), each as "
                                              f"text; the link of entry 1 is {_NUMBER}"),
    # an attack's BT10: a colour scheme's toggle of another kind, or without its icon or name, stopped the builds in
    # the engines' words (".icons/.svg not found", "Failed to cast key 'toggle'", "not JSON serializable")
    ({"theme": {"name": "material", "palette": [{"scheme": "default", "toggle": "dark"}]}},
     "theme.palette's toggle in scheme 1 must be an icon and a name (toggle: with icon: material/weather-night and "
     "name: Switch to dark mode under it); it is 'dark'"),
    ({"theme": {"name": "material", "palette": [{"toggle": ["a", "b"]}]}},
     "theme.palette's toggle in scheme 1 must be an icon and a name (toggle: with icon: material/weather-night and "
     "name: Switch to dark mode under it); it is [a, b]"),
    ({"theme": {"name": "material", "palette": [{"toggle": {"icon": "material/weather-night"}}]}},
     "theme.palette's toggle in scheme 1 must have an icon and a name, each as text (toggle: with icon: "
     "material/weather-night and name: Switch to dark mode under it); its name is not given"),
    ({"theme": {"name": "material", "palette": [_SCHEME, {"toggle": {"name": "Light"}}]}},
     "theme.palette's toggle in scheme 2 must have an icon and a name, each as text (toggle: with icon: "
     "material/weather-night and name: Switch to dark mode under it); its icon is not given"),
    ({"theme": {"name": "material", "palette": [{"toggle": {}}]}}, "theme.palette's toggle in scheme 1 must have an "
                                                                   "icon and a name"),
    ({"theme": {"name": "material", "palette": [{"toggle": {"icon": "material/weather-night", "name": 5}}]}},
     f"theme.palette's toggle in scheme 1 must have an icon and a name, each as text (toggle: with icon: "
     f"material/weather-night and name: Switch to dark mode under it); its name is {_NUMBER}"),
    ({"theme": {"name": "material", "palette": ["slate", _SCHEME]}},
     "theme.palette must be a colour scheme's settings (scheme, primary, accent), or a list of them; entry 1 is "
     "'slate'"),
    ({"theme": {"name": "material", "palette": [_SCHEME, [_SCHEME]]}},
     "theme.palette must be a colour scheme's settings (scheme, primary, accent), or a list of them; entry 2 is "
     "[{media:"),
    ({"theme": {"name": "material", "palette": [{"media": 5, "scheme": "slate"}]}},
     f"theme.palette must be colour settings written as text (scheme: slate); its media in scheme 1 is {_NUMBER}"),
    ({"theme": {"name": "material", "direction": True}},
     "theme.direction must be ltr or rtl; it is true or false (YAML reads yes, no, on and off so: put a text in "
     "quotes)"),
    ({"theme": {"name": "material", "features": [True]}}, "theme.features must be a list of the theme's feature names, "
     "such as [navigation.tabs]; it is a list holding true or false"),
])
def test_a_setting_the_theme_writes_as_it_is_is_refused(settings: dict[str, object], said: str) -> None:
    found = prepare.theme_settings_problem(settings)
    assert found is not None
    assert found.startswith(said), found


_FOOTER = "copyright, which the theme writes into every page's footer as it is, "


@pytest.mark.parametrize(("written", "said"), [
    # an attack's BM1: three ways HTMLParser and a browser read the footer's terms differently
    ('Terms <img src="data:z" onerror="alert(1)"', _FOOTER + "holds the element <img>, which the footer may not "
     "hold (it may hold a, abbr, b, br, em, i, small, span, strong): leave it out, or write &lt; for a < in the "
     "text"),
    ('Terms <a href="https://x.org/" onmouseover="alert(1)"', _FOOTER + "ends in a tag left open ('<a "
     "href=\"https://x.org/\" onmouseover=\"alert(1)\"'), which a browser would close with the theme's own markup: "
     "end the tag with > or write the < as &lt;"),
    ("<!--><img src=x onerror=alert(2)>-->", _FOOTER + "holds '<!--><img src=x oner', a comment, CDATA section or "
     "declaration, which a browser and this check read differently: leave it out (write &lt;! for the characters "
     "themselves)"),
    ("<![CDATA[><img src=x onerror=alert(3)>]]>", _FOOTER + "holds '<![CDATA[><img src=x', a comment, CDATA section "
     "or declaration"),
    ("<?php ><img src=x onerror=alert(4)>", _FOOTER + "holds '<?php ><img src=x on', which a browser reads as a "
     "comment up to the next >: leave it out (write &lt;? for the characters themselves)"),
    ("<em<x onmouseover=alert(5)>terms</em>", _FOOTER + "holds the element <em<x>, which the footer may not hold"),
    ("Terms < 5 pages", _FOOTER + "holds '< 5 pages', a < that begins none of the tags the footer may hold (a, abbr, "
     "b, br, em, i, small, span, strong): write it as &lt;"),
    # an attack's BP3: a style that loads an image with no url(), or lays the link over the whole page
    ('<a href="https://x.org/" style="background: image-set(\'https://evil.example/p.png\' 1x)">t</a>',
     _FOOTER + "holds a style other than text-decoration, font-weight, font-style or color with a plain value"),
    ('<a href="https://x.org/" style="position:fixed;top:0;left:0;width:100%;height:100%">t</a>',
     _FOOTER + "holds a style other than text-decoration, font-weight, font-style or color with a plain value"),
    # BR4: a length in an allowed property painted a bar over the page
    ('<a href="https://x.org/" style="text-decoration: overline 3000px red">t</a>',
     _FOOTER + "holds a style other than text-decoration, font-weight, font-style or color with a plain value"),
])
def test_footer_terms_a_browser_reads_otherwise_are_refused(written: str, said: str) -> None:
    found = prepare.theme_settings_problem({"copyright": written})
    assert found is not None
    assert found.startswith(said), found


def test_honest_footer_terms_pass() -> None:
    written = ('The record, <em>as its sources say it</em>: <a href="https://creativecommons.org/licenses/by/4.0/" '
               'title="CC BY 4.0">CC BY 4.0</a>.<br/><SMALL>Sources keep their own terms &amp; &lt;notes&gt;.</SMALL>')
    assert prepare.theme_settings_problem({"copyright": written}) is None
    # an attack's BR3: a link opening in a new tab, and the project's own underline and a colour
    written = ('<a href="https://creativecommons.org/licenses/by/4.0/" target="_blank" rel="noopener" '
               'style="text-decoration: underline; color: #1a73e8">CC BY 4.0</a>')
    assert prepare.theme_settings_problem({"copyright": written}) is None
    # BT11: right-to-left text, a label for assistive technology, a weight by its number, an abbreviation
    written = ('<span dir="rtl" lang="ar">نص</span> <a href="https://x.org/" aria-label="Licence" '
               'style="font-weight: 600"><abbr title="Creative Commons">CC</abbr> BY 4.0</a>')
    assert prepare.theme_settings_problem({"copyright": written}) is None


def test_ordinary_theme_settings_pass() -> None:
    assert prepare.theme_settings_problem({
        "repo_url": "https://github.com/org/repo/", "edit_uri": "edit/main/docs/",
        "edit_uri_template": "https://github.com/org/repo/edit/main/docs/{path!q}?x={path_noext}",
        "site_description": "The Khartoum Process\u2019s record, as its sources say it: \u201cverbatim\u201d & cited",
        "site_author": "The secretariat", "repo_name": "org/repo",
        "theme": {"name": "material", "favicon": "assets/x.png", "direction": "rtl",
                  "font": {"text": "Noto Sans", "code": "Roboto Mono"}},
        "extra_css": ["assets/x.css", "https://cdn.example/a.css"], "extra_javascript": ["assets/x.js"],
        "extra": {"social": [{"icon": "fontawesome/brands/github", "link": "https://github.com/org"},
                             {"link": "mailto:a@example.org", "name": "Write to us"}]},
        "nav": ["index.md", {"About": "about.md"}, {"About us": "about us.md"}, {"Data": [{"States": "states/index.md"},
                                                             {"Elsewhere": "https://example.org/x"}]}]}) is None


@pytest.mark.parametrize(("written", "said"), [
    ("abc", "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 (as `git log -1 --format=%ct` "
            "prints it); it is 'abc': correct it, or unset it"),
    ("-5", "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01"),
    ("1" * 40, "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01"),
    ("99999999999", "SOURCE_DATE_EPOCH is 99999999999, 5138-11-16, after today: the sitemap would date every page by "
                    "it; correct it, or unset it"),
])
def test_a_source_date_epoch_the_engine_cannot_read_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 written: str, said: str) -> None:
    """A fourteenth attack: MkDocs read SOURCE_DATE_EPOCH=abc with int() and the build ended in Python's words."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", written)
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(config(tmp_path))
    assert str(refused.value).startswith(f"The environment: {said}")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1733011200")  # 2024-12-01: read as it is
    assert engines.read_settings(config(tmp_path)).docs_dir.name == "docs"


@pytest.mark.parametrize("command", ["schemas", "manifest"])
def test_a_data_folder_outside_the_project_is_written_only_when_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                        capsys: pytest.CaptureFixture[str],
                                                                        command: str) -> None:
    """An attack's BC2: a data_dir of mkdocs.yml outside the project had `schemas` and `manifest` write there."""
    from khartoum_site.adapters.cli import main

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "states.yml").write_text("[]\n", encoding="utf-8")
    project_dir = tmp_path / "project"
    project_dir.mkdir()
    config(project_dir, plugin=f"      data_dir: {outside}\n")
    monkeypatch.chdir(project_dir)
    assert main([command]) == 1
    assert capsys.readouterr().err.strip() == (
        f"mkdocs.yml names the data folder {outside}, outside the project: this command writes only into a data "
        "folder inside it; give --data-dir to write there. Nothing was written.")
    assert sorted(p.name for p in outside.iterdir()) == ["states.yml"]


def test_a_settings_file_that_is_not_yaml_is_said_on_one_readable_line(tmp_path: Path) -> None:
    """A held-out round's BF18: the parser's three lines were shown as one line holding "\\x0a" twice."""
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: X\nuse_directory_urls: [true\nplugins:\n  - khartoum\n", encoding="utf-8")
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(path)
    said = str(refused.value)
    assert said.startswith(f"{path}: cannot be read: MkDocs encountered an error parsing the configuration file: "
                           f"while parsing a flow sequence; in \"{path}\", line 2, column 21; expected ',' or "
                           "']'"), said
    assert "\n" not in said


def test_an_inherit_read_through_env_naming_a_pipe_is_refused(tmp_path: Path) -> None:
    """An attack's BJ4: `INHERIT: !ENV [INH, pipe]`, a named pipe, made check and build wait for ever: the guard
    read INHERIT by its text, not through !ENV."""
    os.mkfifo(tmp_path / "pipe")
    path = tmp_path / "mkdocs.yml"
    path.write_text("INHERIT: !ENV [KP_TEST_UNSET_INHERIT, pipe]\nsite_name: X\nplugins:\n  - khartoum\n",
                    encoding="utf-8")
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(path)
    assert str(refused.value) == (f"{path}: INHERIT names {tmp_path / 'pipe'}, which is not a plain file (a folder, a "
                                  "named pipe or a device): name a settings file")


@pytest.mark.parametrize("palette", [
    [_SCHEME, {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
               "toggle": {"icon": "material/weather-sunny", "name": "Switch to light mode"}}],
    [_SCHEME],  # one scheme with its toggle: both engines draw it
    {"scheme": "slate", "primary": "indigo"},
    [{"scheme": "default"}, {"scheme": "slate"}],  # (no toggle: the theme draws no switch)
])
def test_an_honest_palette_passes(palette: object) -> None:
    assert prepare.theme_settings_problem({"theme": {"name": "material", "palette": palette}}) is None
    assert prepare.merged_settings_problem({"theme": {"name": "material", "palette": palette}}) is None


@pytest.mark.parametrize(("icon", "said"), [
    ("material/no-such-icon", "theme.palette's toggle in scheme 1 names the icon material/no-such-icon, which Material "
                              "for MkDocs does not have: name one of its icons, such as material/weather-night or "
                              "material/weather-sunny"),
    ("../../../../x", "theme.palette's toggle in scheme 1 names the icon ../../../../x, which Material"),
])
def test_a_toggle_s_icon_the_theme_does_not_have_is_refused(tmp_path: Path, icon: str, said: str) -> None:
    """An attack's BT10: both engines stopped on the icon in their own words, naming a template (".icons/….svg not
    found"). Read of the merged settings, where a custom_dir may hold icons of the project's own."""
    path = config(tmp_path)
    palette = f"  palette:\n    - toggle:\n        icon: {icon}\n        name: Dark\n"
    path.write_text(path.read_text(encoding="utf-8").replace("  name: material\n", f"  name: material\n{palette}"),
                    encoding="utf-8")
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(path)
    assert str(refused.value).startswith(f"{tmp_path / 'mkdocs.yml'}: {said}"), refused.value
    (tmp_path / "overrides" / ".icons" / "own").mkdir(parents=True)
    (tmp_path / "overrides" / ".icons" / "own" / "moon.svg").write_text("<svg/>", encoding="utf-8")
    assert prepare.merged_settings_problem({"theme": {"name": "material", "custom_dir": "overrides", "palette": [
        {"toggle": {"icon": "own/moon", "name": "Dark"}}]}}) is None


_NO_REPO = ("is set without repo_url: Zensical draws no edit button without repo_url, and MkDocs reads {key} as a link "
            "relative to it (one that is no whole address stops its build); set repo_url to the repository's address "
            "(such as https://github.com/ORG/REPO/), or remove {key}")
_CONSENT = ("extra.consent asks every reader to accept cookies, and the theme covers every page with its dialog until "
            "they choose, but the settings give it nothing to ask about: neither analytics (extra.analytics) nor a "
            "repository (repo_url), whose facts the theme fetches from its host; remove extra.consent, or set it with "
            "the analytics or the repository it asks consent for")


@pytest.mark.parametrize(("top", "said"), [
    # an attack's BR7: MkDocs stopped the strict build with a warning a page ("not a valid URL"), Zensical published
    # no edit button, without a word
    ("edit_uri: edit/main/docs/\n", "edit_uri " + _NO_REPO.format(key="edit_uri")),
    ("edit_uri_template: 'edit/main/docs/{path}'\n", "edit_uri_template " + _NO_REPO.format(key="edit_uri_template")),
    ("edit_uri: https://github.com/o/r/edit/main/docs/\n", "edit_uri " + _NO_REPO.format(key="edit_uri")),
    # an attack's BT9: every page covered by a cookie dialog, with no cookie to consent to
    ("extra:\n  consent:\n    title: Cookie consent\n    description: We ask.\n", _CONSENT),
])
def test_a_setting_that_needs_another_is_refused_without_it(tmp_path: Path, top: str, said: str) -> None:
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(config(tmp_path, top=top))
    assert str(refused.value) == f"{tmp_path / 'mkdocs.yml'}: {said}"


@pytest.mark.parametrize("top", [
    "repo_url: https://github.com/o/r/\nedit_uri: edit/main/docs/\n",
    "repo_url: https://github.com/o/r/\nedit_uri_template: 'blob/main/docs/{path}'\n",
    "repo_url: https://github.com/o/r/\n",  # (MkDocs gives github.com its own edit_uri)
    "extra:\n  analytics:\n    provider: google\n    property: G-ABCDEF1234\n  consent:\n    title: Cookie consent\n"
    "    description: We ask.\n",
    # D7-3: Material's documented consent for the repository's facts, which it fetches from GitHub's API
    "repo_url: https://github.com/o/r\nrepo_name: o/r\nedit_uri: edit/main/docs/\nextra:\n  consent:\n"
    "    title: Cookie consent\n    description: >-\n      This site fetches the repository's stars from GitHub.\n"
    "    cookies:\n      github: GitHub\n",
])
def test_a_setting_with_the_one_it_needs_passes(tmp_path: Path, top: str) -> None:
    assert engines.read_settings(config(tmp_path, top=top)).edit_links == ("repo_url" in top)


def test_a_number_too_long_to_read_in_the_settings_is_said_at_its_line(tmp_path: Path) -> None:
    """D7-19: PyYAML stops on a whole number of more than 4,300 digits with Python's words."""
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(config(tmp_path, top=f"site_author: {'9' * 5000}\n"))
    assert str(refused.value) == (f"{tmp_path / 'mkdocs.yml'}: line 2 holds a number of 5,000 digits, too long to be "
                                  "read as a number: put it in quotes if it is text, or shorten it")
    assert engines.read_settings(config(tmp_path, top=f"site_author: '{'9' * 5000}'\n"))


def test_settings_that_need_each_other_are_read_merged(tmp_path: Path) -> None:
    """A parent file may give repo_url and the analytics, the project's the edit link and the consent."""
    (tmp_path / "base.yml").write_text("repo_url: https://github.com/o/r/\nextra:\n  analytics:\n    provider: google\n"
                                       "    property: G-ABCDEF1234\n", encoding="utf-8")
    path = config(tmp_path, top="INHERIT: base.yml\nedit_uri: edit/main/docs/\nextra:\n  consent:\n"
                                "    title: Cookies\n    description: We ask.\n")
    assert engines.read_settings(path).edit_links


def test_the_plugin_refuses_a_setting_that_needs_another(tmp_path: Path) -> None:
    """MkDocs and ProperDocs run the plugin on the same merged settings."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    path = config(tmp_path, top="edit_uri: edit/main/docs/\n")
    loaded = load_config(config_file=str(path))
    with pytest.raises(PluginError) as refused:
        loaded.plugins["khartoum"].on_config(loaded)
    assert str(refused.value) == "edit_uri " + _NO_REPO.format(key="edit_uri")


def _aliases(levels: int, indent: str = "") -> str:
    """YAML of ``levels`` lines of aliases, each a list of ten of the one before: ten to the power ``levels`` values."""
    lines = [f"{indent}l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{indent}l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_settings_repeating_values_through_aliases_are_refused_before_they_are_read(tmp_path: Path) -> None:
    """An attack's BW1: seven lines of aliases under extra (ten million values) took minutes, MkDocs writing every value
    into its log of the settings; a few aliases, as settings share a value, pass."""
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(config(tmp_path, top="extra:\n" + _aliases(7, "  ")))
    assert str(refused.value) == (f"{tmp_path / 'mkdocs.yml'}: repeats values through aliases (*name) into more than "
                                  "100,000 values: write the values out, without anchors (&name) and aliases")
    assert engines.read_settings(config(tmp_path, top="extra:\n" + _aliases(3, "  ")))


@pytest.mark.parametrize(("consent", "said"), [
    # an attack's BW4: a text put a Python method's address into every page's dialog; BW5: actions of another kind
    # stopped the build in Jinja's words
    ('"yes please"', "extra.consent must be a mapping of title and description (text), and optionally cookies (name: "
     "label) and actions (a list of accept, reject and manage); it is 'yes please'"),
    ("[1, 2]", "extra.consent must be a mapping of title and description (text), and optionally cookies (name: label) "
     "and actions (a list of accept, reject and manage); it is a list holding a whole number"),
    ("{title: Cookies}", "extra.consent.description must be text (the dialog shows it); it is not given"),
    ("{title: Cookies, description: We ask., actions: 5}",
     "extra.consent.actions must be a list of accept, reject and manage; it is a whole number"),
    # an attack's BX3: cookies given empty stopped MkDocs' build in the theme's words
    ("{title: Cookies, description: We ask., cookies: }",
     "extra.consent.cookies must be a mapping of each cookie's name to its label (text), or to a name and checked; it "
     "is empty"),
    ("{title: Cookies, description: We ask., cookies: [a]}",
     "extra.consent.cookies must be a mapping of each cookie's name to its label (text), or to a name and checked; it "
     "is [a]"),
])
def test_a_consent_of_another_shape_is_refused(tmp_path: Path, consent: str, said: str) -> None:
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(config(tmp_path, top=f"repo_url: https://github.com/o/r\nextra:\n  consent: {consent}\n"))
    assert f"mkdocs.yml: {said}" in str(refused.value)


def test_material_s_documented_consent_passes(tmp_path: Path) -> None:
    assert engines.read_settings(config(tmp_path, top=(
        "repo_url: https://github.com/o/r\nextra:\n  consent:\n    title: Cookie consent\n    description: We ask.\n"
        "    cookies:\n      github: GitHub\n      analytics:\n        name: Google Analytics\n        checked: false\n"
        "    actions: [accept, reject, manage]\n")))


def test_settings_holding_a_list_inside_itself_are_said_so(tmp_path: Path) -> None:
    """An attack's BX8 (in a page's front matter, said to nest hundreds of levels deep): in the settings, the loop is
    said at its line."""
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(config(tmp_path, top="extra:\n  x: &a [*a]\n"))
    assert str(refused.value) == (f"{tmp_path / 'mkdocs.yml'}: line 3: an alias names a value that holds it, a loop no "
                                  "engine can read: remove it")


def test_an_analytics_provider_the_theme_has_no_template_for_is_said(tmp_path: Path) -> None:
    """An attack's BX7: provider: matomo stopped the build in Jinja's words, naming no setting."""
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(config(tmp_path, top="extra:\n  analytics:\n    provider: matomo\n    property: X1\n"))
    assert str(refused.value).endswith(
        "extra.analytics.provider is 'matomo', which the theme has no template for (it has google): set provider to "
        "google, or add partials/integrations/analytics/<provider>.html in theme.custom_dir")
    assert engines.read_settings(config(tmp_path, top="extra:\n  analytics:\n    provider: google\n"
                                                       "    property: G-ABCDEF1234\n"))
