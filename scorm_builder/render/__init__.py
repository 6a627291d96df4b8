"""Stage 3, rendering: the one Jinja environment and template folders (environment; template_cache
keeps compiled templates between runs), Markdown (markdown; markdown_memo keeps rendered texts
between runs), the player's own words (strings), the course as the player's data (player_data), the
player script joined from its modules (player_js) and the suspend_data bound (suspend).
"""
