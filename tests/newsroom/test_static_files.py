"""CKEditor's sample and test pages are neither collected nor served."""

import pytest
from django.contrib.staticfiles import finders

SAMPLE = "ckeditor/ckeditor/plugins/exportpdf/tests/manual/integration.html"


def collected():
    """What `collectstatic` copies: every finder's list, as it asks for it."""
    return {
        path for finder in finders.get_finders() for path, _ in finder.list(["CVS"])
    }


def test_sample_and_test_pages_are_not_collected():
    paths = collected()
    assert "ckeditor/ckeditor/ckeditor.js" in paths
    assert "ckeditor/ckeditor/plugins/preview/preview.html" in paths
    assert not [p for p in paths if "/tests/" in p or "/samples/" in p]
    assert SAMPLE not in paths


@pytest.mark.parametrize(
    "path",
    [
        "ckeditor/ckeditor/samples/index.html",
        SAMPLE,
        "ckeditor/ckeditor/plugins/exportpdf/plugin.js",
    ],
)
def test_sample_pages_answer_404(client, db, path):
    # The 404 page carries the header menu, which reads the topics.
    assert client.get(f"/static/{path}").status_code == 404


def test_the_editors_own_files_are_served(client):
    for path in ("ckeditor/ckeditor/ckeditor.js", "ckeditor/ckeditor-init.js"):
        assert client.get(f"/static/{path}").status_code == 200
