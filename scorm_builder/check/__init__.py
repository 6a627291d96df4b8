"""The package checker for any SCORM zip: the zip container (container), the manifest (manifest,
xsd), LMS readiness (readiness), and the report (report).
"""
