"""The ready deploy files run the build the README documents and publish the folder it builds: read as the
CI services read them (YAML), the command and the folder read from the README, not written here again."""

from __future__ import annotations

import re
from typing import Any

import yaml
from helpers import ROOT


def readme_build() -> tuple[str, str]:
    """The README's build command and the folder it builds into: ``bash scripts/build    # build the site into
    site/`` gives ("bash scripts/build", "site/")."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The two commands", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None
    line = next(line for line in block.group(1).splitlines() if "build" in line.split("#")[0])
    command, comment = (part.strip() for part in line.split("#", 1))
    folder = re.search(r"into (\S+/)", comment)
    assert folder is not None
    return command, folder.group(1)


def lines(script: str | list[str]) -> list[str]:
    return [line.strip() for part in ([script] if isinstance(script, str) else script) for line in part.splitlines()]


def test_the_github_pages_workflow_builds_with_the_readmes_command_and_uploads_its_folder() -> None:
    command, folder = readme_build()
    path = ROOT / ".github" / "workflows" / "pages.yml"
    workflow: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as true
    steps = workflow["jobs"]["build"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    built = next(i for i, step in enumerate(steps) if command in lines(step.get("run", "")))
    assert steps[built]["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert uses.index("actions/configure-pages") < built < uses.index("actions/upload-pages-artifact")
    assert steps[0]["with"]["fetch-depth"] == 0
    assert steps[uses.index("actions/upload-pages-artifact")]["with"]["path"] == folder
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_the_gitlab_pages_job_builds_with_the_readmes_command_and_publishes_its_folder_as_public() -> None:
    command, folder = readme_build()
    job = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))["pages"]
    script = lines(job["script"])
    assert script[0] == command
    assert job["variables"]["SITE_URL"] == "$CI_PAGES_URL"
    assert job["variables"]["GIT_DEPTH"] == "0"
    # the folder is a symbolic link: copied with links followed (-L), its content (the trailing slash) into public
    copy = script[1].split()
    assert copy[0] == "cp"
    assert "-L" in copy
    assert copy[-2:] == [folder, "public"]
    assert job["artifacts"]["paths"] == ["public"]
