"""The package checker for any SCORM or cmi5 zip, in dependency order: findings (the Diagnostics of one
package), container (the zip), manifest (parsing, lines, paths), manifest_rules and xsd (the
manifest's rules), course_data (the player page's JSON), readiness (LMS readiness), cmi5 (cmi5.xml
and its AUs, for a zip with cmi5.xml at its root), and report (the entry point, check_package, and
the text and JSON reports).
"""
