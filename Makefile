# RCM Tracker. `make run` sets everything up and serves the site; `make test` runs the whole test suite.
# Both work on a fresh Debian or Ubuntu machine with Python 3.11+ and make.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
SECRET_KEY_FILE := var/secret_key
# Local runs are plain HTTP on 127.0.0.1; production sets its own environment (README.md, "Production").
LOCAL_ENV = DEBUG=0 HTTPS=0 SECRET_KEY="$$(cat $(SECRET_KEY_FILE))"

.PHONY: run setup serve test lint format bench clean pdf-libraries gettext adduser backup restore drill messages

run: setup
	@echo "RCM Tracker is at http://127.0.0.1:$(PORT)/  (the XVII declaration: http://127.0.0.1:$(PORT)/conferences/17/declaration/)"
	@$(LOCAL_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

setup: $(VENV)/.requirements $(SECRET_KEY_FILE) pdf-libraries
	@echo "Migrating the database, collecting static files, loading the seed..."
	@$(LOCAL_ENV) $(BIN)/python manage.py migrate --no-input -v 0
	@$(LOCAL_ENV) $(BIN)/python manage.py collectstatic --no-input -v 0
	@$(LOCAL_ENV) $(BIN)/python manage.py load_seed
	@$(LOCAL_ENV) $(BIN)/python manage.py create_first_account

# make adduser NAME=ana ROLE=editor (or publisher, delegate): asks for the password twice.
adduser: setup
	@$(LOCAL_ENV) $(BIN)/python manage.py adduser "$(NAME)" --role "$(ROLE)"

# The database and the evidence in one archive (docs/backups.md): `make backup` writes var/backups/rcm-<time>.tar,
# `make backup FILE=/elsewhere/rcm.tar` that file; `make restore FILE=...` puts one back, asking first.
backup: $(VENV)/.requirements $(SECRET_KEY_FILE)
	@$(LOCAL_ENV) $(BIN)/python manage.py backup $(if $(FILE),"$(FILE)")

restore: $(VENV)/.requirements $(SECRET_KEY_FILE)
	@[ -n "$(FILE)" ] || { echo "Name the backup to restore: make restore FILE=var/backups/rcm-YYYYMMDD-HHMMSS.tar" >&2; exit 1; }
	@$(LOCAL_ENV) $(BIN)/python manage.py restore "$(FILE)"

# The restore drill (bench/restore_drill.py) on SQLite; CI also runs it on PostgreSQL with the evidence in a bucket:
# make drill DRILL="--postgresql postgres://postgres@127.0.0.1:5432/rcm_drill --s3"
drill: $(VENV)/.requirements-dev
	$(BIN)/python bench/restore_drill.py $(DRILL)

serve: setup
	@echo "RCM Tracker is at http://127.0.0.1:$(PORT)/ (gunicorn)"
	@$(LOCAL_ENV) $(BIN)/gunicorn rcm.wsgi --bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-3}

# One worker per core (pytest-xdist), each with its own test database; a module's tests stay on one worker,
# so that what a module makes once (tests/test_query_counts.py, the canary's PDFs) is made once.
test: $(VENV)/.requirements-dev $(SECRET_KEY_FILE) pdf-libraries
	@$(LOCAL_ENV) $(BIN)/pytest -n auto --dist loadscope

lint: $(VENV)/.requirements-dev $(SECRET_KEY_FILE) gettext
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	@$(LOCAL_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	@$(LOCAL_ENV) $(BIN)/python manage.py messages --check

# The Spanish catalogue brought up to the code's messages (docs/languages.md): translate what is new in
# locale/es/LC_MESSAGES/django.po, then run it again to compile django.mo, which the site reads.
messages: $(VENV)/.requirements-dev $(SECRET_KEY_FILE) gettext
	@$(LOCAL_ENV) $(BIN)/python manage.py messages

bench: $(VENV)/.requirements-dev pdf-libraries
	$(BIN)/python bench/pdf.py

format: $(VENV)/.requirements-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "RCM Tracker needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) --version 2>&1)." >&2; exit 1; }
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
		rm -rf $(VENV); \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing python3-venv, which Debian and Ubuntu ship separately..."; \
			apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null && $(PYTHON) -m venv $(VENV); \
		else \
			echo "Python cannot create a virtual environment here. On Debian or Ubuntu: sudo apt-get install python3-venv" >&2; \
			exit 1; \
		fi; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.requirements: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.requirements-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.requirements

# WeasyPrint (the PDFs) needs Pango and HarfBuzz from the system. Installed when we can (as root, with
# apt-get); otherwise the site runs without PDFs, and says so. WeasyPrint imports without HarfBuzz's
# subsetter but then warns at every PDF, so that library is checked for by name.
# Django extracts the messages to translate with GNU gettext's xgettext (make messages, and make lint's check).
gettext:
	@command -v xgettext >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && apt-get install -y -qq gettext >/dev/null; \
		else \
			echo "make messages and make lint need GNU gettext: sudo apt-get install gettext" >&2; exit 1; \
		fi; }

PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libfontconfig1
pdf-libraries: $(VENV)/.requirements
	@{ $(BIN)/python -c 'import weasyprint' && ldconfig -p | grep -q libharfbuzz-subset; } 2>/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing $(PDF_PACKAGES) for WeasyPrint..."; \
			apt-get update -qq && apt-get install -y -qq $(PDF_PACKAGES) >/dev/null; \
		else \
			echo "WARNING: PDFs are unavailable until you install: sudo apt-get install $(PDF_PACKAGES)" >&2; \
		fi; }

$(SECRET_KEY_FILE):
	@mkdir -p var
	@$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	@chmod 600 $@
