"""scorm-builder: YAML courses -> SCORM 1.2 and SCORM 2004 packages."""
__version__ = "0.1.0"
