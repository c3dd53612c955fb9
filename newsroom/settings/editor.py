"""The rich-text editor, configured in one place so it can be swapped.

django-ckeditor bundles CKEditor 4.22.1, which is end-of-life with unfixed
security issues (system check ckeditor.W001). We keep it because it is the
requested editor, behind these controls:
  * every rich-text value is cleaned on the server with an nh3 allow-list before
    it is stored (articles/sanitize.py); the editor's own filter below mirrors
    that list so editors see what will be kept;
  * the editor is served only on the desk, to logged-in editors; image uploads
    go to the desk's own view (articles/views/desk/photos.py), scoped to the
    editor's agencies, not to django-ckeditor's staff-only uploader; there is
    no file browser;
  * a Content-Security-Policy is sent on every response (newsroom/security.py);
  * plugins that talk to third-party services (exportpdf, scayt) are removed.

The desk form adds, per request, the upload address of the article being edited
and the CSRF header CKEditor sends with each upload (articles/forms.py).
"""

SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]  # see the controls listed above

CKEDITOR_UPLOAD_PATH = "uploads/"
CKEDITOR_IMAGE_BACKEND = "pillow"
CKEDITOR_RESTRICT_BY_USER = False
CKEDITOR_BROWSE_SHOW_DIRS = False
CKEDITOR_ALLOW_NONIMAGE_FILES = False

# The editor UI speaks Thai whatever language the browser asks for.
CKEDITOR_LANGUAGE = "th"

# CKEditor's Advanced Content Filter, matching articles/sanitize.py.
_ALLOWED_CONTENT = (
    "p br strong em u s blockquote h2 h3 h4 ul ol li figure figcaption;"
    "a[!href,title];"
    "img[!src,alt,width,height];"
    "table thead tbody tfoot tr caption;"
    "th[colspan,rowspan,scope];"
    "td[colspan,rowspan]"
)
_COMMON = {
    "language": CKEDITOR_LANGUAGE,
    "width": "100%",
    "removePlugins": "exportpdf,scayt",
    "allowedContent": _ALLOWED_CONTENT,
    # Image sizes as width/height attributes (kept), not a style (stripped).
    "disallowedContent": "img{width,height}",
    "removeDialogTabs": "image:advanced;link:advanced;table:advanced",
    "image_previewText": " ",
    "entities": False,
    # Pasted or dropped images go to the upload view (uploadimage plugin).
    "clipboard_handleImages": False,
    "versionCheck": False,
    # Thai at the public pages' size and line height while writing. Unhashed
    # paths: collectstatic keeps the original names next to the hashed ones.
    "contentsCss": [
        "/static/ckeditor/ckeditor/contents.css",
        "/static/css/editor-contents.css",
    ],
}

CKEDITOR_CONFIGS = {
    "default": {
        **_COMMON,
        "height": 420,
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
        **_COMMON,
        "height": 120,
        "toolbar": "Lead",
        "toolbar_Lead": [["Bold", "Italic", "Link", "Unlink", "RemoveFormat"]],
    },
}
