"""The rich-text editor, configured in one place so it can be swapped.

django-ckeditor bundles CKEditor 4.22.1, which is end-of-life with unfixed
security issues (system check ckeditor.W001). We keep it because it is the
requested editor, behind these controls:
  * every rich-text value is cleaned on the server with an nh3 allow-list before
    it is stored (articles/sanitize.py);
  * the editor and its upload/browse views are served only to logged-in editors
    (the desk);
  * a Content-Security-Policy is sent on every response (newsroom/security.py);
  * the exportpdf plugin, which talks to a third-party service, is removed.
"""

SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]  # see the controls listed above

CKEDITOR_UPLOAD_PATH = "uploads/"
CKEDITOR_IMAGE_BACKEND = "pillow"
CKEDITOR_RESTRICT_BY_USER = False
CKEDITOR_BROWSE_SHOW_DIRS = False
CKEDITOR_ALLOW_NONIMAGE_FILES = False

CKEDITOR_CONFIGS = {
    "default": {
        "language": "th",
        "height": 420,
        "width": "100%",
        "removePlugins": "exportpdf",
        "toolbar": "News",
        "toolbar_News": [
            ["Format", "Bold", "Italic", "Underline", "Strike", "RemoveFormat"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["Image", "Table"],
            ["Undo", "Redo"],
            ["Source"],
        ],
        "format_tags": "p;h2;h3;h4",
    },
    "lead": {
        "language": "th",
        "height": 120,
        "width": "100%",
        "removePlugins": "exportpdf",
        "toolbar": [["Bold", "Italic", "Link", "Unlink", "RemoveFormat"]],
    },
}
