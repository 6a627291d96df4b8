"""``python -m scorm_builder`` runs the command line."""
from .cli import main

main(prog_name="scorm-builder")
