#!/usr/bin/python
# a playbook-local module (never run by edxplay)
