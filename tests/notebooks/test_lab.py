"""`make lab` starts JupyterLab for whoever runs it (as root too), and a brief's blocks are readable in a front end
that shows text/plain and in `nbconvert --to markdown`."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import MarkdownExporter

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def _fri_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_lab_starts_and_answers(tmp_path):
    port, token = _fri_port(), "noegletal-test"
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    (cfg / "jupyter_server_config.json").write_text(json.dumps({"ServerApp": {
        "open_browser": False, "ip": "127.0.0.1", "port": port, "port_retries": 0,
        "token": token, "IdentityProvider": {"token": token}}}))
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(cfg), "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"),
           "JUPYTER_DATA_DIR": str(tmp_path / "data")}
    log = (tmp_path / "lab.log").open("w")
    proc = subprocess.Popen(["make", "--no-print-directory", "lab"], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        svar = None
        for _ in range(180):
            if proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2) as r:
                    svar = json.load(r)
                    break
            except OSError:
                time.sleep(0.5)
        assert svar is not None, (tmp_path / "lab.log").read_text()[-2000:]
        assert "started" in svar
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # make and the server it started, nothing else
        proc.wait(timeout=30)
        log.close()


def test_blocks_read_as_text_in_any_front_end_and_in_markdown(tmp_path):
    """A notebook that displays a table and a figure block: its outputs carry text/plain with the title and the
    numbers, and `nbconvert --to markdown` (which may also take the HTML) shows them."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "import pandas as pd\n"
        "from noegletal import brief, figures\n"
        "df = pd.DataFrame({'omraade': ['Ballerup'] * 2, 'periode': ['2017M09', '2017M10'], 'vaerdi': [3.14, 3.26]})\n"
        "display(brief.Figurblok('Ledighedsprocent', figures.linjefigur(df, enhed='pct.'), 'Sådan.',\n"
        "                        ['Ledigheden var 3,3 pct. i oktober 2017.'], 'Danmarks Statistik'))\n"
        "brief.Tabelblok('Ledige i alt', df.set_index('periode')[['vaerdi']].rename(columns={'vaerdi': 'Ballerup'}),\n"
        "                {'Ballerup': 'pct'})")]
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    uddata = nb.cells[0].outputs
    tekster = [o["data"]["text/plain"] for o in uddata]
    assert not any("object at 0x" in t or "brief.Figurblok at" in t for t in tekster)
    assert tekster[0].startswith("Ledighedsprocent") and "3,3 pct. i oktober 2017" in tekster[0]
    assert tekster[1].startswith("Ledige i alt") and "sep. 2017" in tekster[1] and "3,3 pct." in tekster[1]
    markdown, _ = MarkdownExporter().from_notebook_node(nb)
    assert "Ledighedsprocent" in markdown and "Ledige i alt" in markdown and "3,3 pct." in markdown
    # a front end (or exporter) that prefers plain text gets the same content
    kun_tekst = MarkdownExporter(config={"NbConvertBase": {"display_data_priority": ["text/plain"]}})
    markdown_tekst, _ = kun_tekst.from_notebook_node(nb)
    assert "Ledigheden var 3,3 pct. i oktober 2017." in markdown_tekst and "at 0x" not in markdown_tekst
