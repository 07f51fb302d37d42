"""WSGI entry point of the LMS (gunicorn serves lms.wsgi:application)."""
from standin import make_app

application = make_app("lms", "LMS_CFG", "/edx/etc/lms.yml")
