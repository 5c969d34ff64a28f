import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amends.settings")
application = get_wsgi_application()
# Import every view now, when the server starts, rather than during the first request someone
# makes (the triage views load scikit-learn, which takes seconds). With ``amends serve``'s
# --preload the workers then share these modules with the server process.
get_resolver().url_patterns  # noqa: B018
