"""Gunicorn's settings, read when it is started from the repository root: `gunicorn config.wsgi`."""

# Publishing a report draws both parts in every format within the request. A council-wide register
# of thousands of contracts takes minutes to print (see BENCHMARKS.md), far past gunicorn's default
# of 30 seconds, after which the worker would be killed and the publication rolled back.
timeout = 600
