"""`python -m generator review`: what an editor should look at, and that fixing it works."""
import subprocess
import sys

SEEDS = {
    "a.txt": "Militia commander vows revenge\n\nBAGHDAD (Reuters) - Militia commander Abu Fadak al-Muhammadawi "
             "said on Monday that \u201cthe response will come\u201d after the strike.\n",
    "b.txt": "Strike aftermath\n\nBAGHDAD (Reuters) - Muhammadawi repeated his threat. A source said \u201cwe "
             "are ready\u201d.\n",
}


def run(root, *args):
    return subprocess.run([sys.executable, "-m", "generator", *args, "--root", str(root)],
                          capture_output=True, text=True, timeout=120)


def test_review_lists_discoveries_duplicates_and_unattributed_quotes(tmp_path):
    (tmp_path / "seeds").mkdir()
    for name, text in SEEDS.items():
        (tmp_path / "seeds" / name).write_text(text, encoding="utf-8")
    (tmp_path / "register.yml").write_text("actors: []\nbases: []\n", encoding="utf-8")
    out = run(tmp_path, "review").stdout
    assert "Discovered entities not in the register" in out
    assert "Abu Fadak al-Muhammadawi" in out
    assert "Quotes with no speaker (1)" in out and "we are ready" in out

    # The editor registers him: he is no longer a discovery on the next run.
    (tmp_path / "register.yml").write_text(
        "actors:\n  - name: Abu Fadak al-Muhammadawi\n    type: person\n    aliases: [Muhammadawi]\n",
        encoding="utf-8")
    out = run(tmp_path, "review").stdout
    discovered = out.split("Likely duplicates")[0]
    assert "Abu Fadak al-Muhammadawi" not in discovered


def test_help_documents_every_command():
    out = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True, text=True).stdout
    for command in ("build", "extract", "review"):
        assert command in out
