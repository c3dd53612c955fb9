"""The apps' static files, less what no page of the site uses.

django-ckeditor ships CKEditor's own sample and test pages (HTML that runs
scripts from our origin) and the files of plugins the editor removes; they are
left out of `collectstatic` and are not found when files are served from the
finders (development, tests)."""

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.utils import matches_patterns

IGNORED = [
    "ckeditor/ckeditor/samples/*",
    "ckeditor/ckeditor/plugins/*/samples/*",
    "ckeditor/ckeditor/plugins/*/tests/*",
    "ckeditor/ckeditor/plugins/exportpdf/*",
    "ckeditor/ckeditor/bender-runner.config.json",
]


class AppDirectoriesFinder(finders.AppDirectoriesFinder):
    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *IGNORED])

    def find(self, path, find_all=False, **kwargs):
        if matches_patterns(path, IGNORED):
            return []  # what Django's finders answer for "not here"
        return super().find(path, find_all=find_all, **kwargs)
