"""notebooks/udforsk.ipynb runs top to bottom with its defaults on the demo data (papermill), and is thin."""

import nbformat
import papermill
import pytest
from noegletal import config

pytestmark = pytest.mark.slow
NOTEBOOK = config.NOTEBOOKS_DIR / "udforsk.ipynb"


def test_runs_top_to_bottom_with_defaults(demo_data, tmp_path):
    out = tmp_path / "udforsk.ipynb"
    papermill.execute_notebook(str(NOTEBOOK), str(out), kernel_name="python3", cwd=str(NOTEBOOK.parent),
                               progress_bar=False)
    nb = nbformat.read(out, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not any(o.output_type == "error" for o in c.outputs) for c in code)
    html = "".join(o.get("data", {}).get("text/html", "") for c in code for o in c.outputs)
    assert "<caption>Nøgletal i kataloget</caption>" in html
    assert "Ballerups klynge" in html and 'alt="Linjefigur: Fuldtidspersoner på ledighedsydelse' in html
    assert "var værdien" in html and "Hvad viser figuren" not in html  # computed sentences, not a brief


def test_committed_thin_and_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and all(n in params[0].source for n in ("indikator:", "kommuner:", "fra:", "til:"))
    for c in nb.cells:
        if c.cell_type == "code":
            assert not c.outputs and c.execution_count is None
            assert "def " not in c.source and "for " not in c.source
