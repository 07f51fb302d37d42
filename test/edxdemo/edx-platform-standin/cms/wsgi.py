"""WSGI entry point of Studio (gunicorn serves cms.wsgi:application)."""
from standin import make_app

application = make_app("cms", "STUDIO_CFG", "/edx/etc/studio.yml")
