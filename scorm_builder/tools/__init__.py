"""Tools around the pipeline for the people who write and review courses: lint, outline (with
dialogue diagrams), preview (a debug LMS) and scaffold (`new`).
"""
