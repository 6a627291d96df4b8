"""The command line: a thin click layer; each command calls one library function."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from scorm_builder import standards as _standards

STANDARD_CHOICES = _standards.IDS
COMPANIES_DIR = click.option(
    "--companies-dir", type=click.Path(file_okay=False, path_type=Path),
    help="Where company profiles live. Default: the companies/ folder next to the course, then "
         "courses/companies.")


def _lms_name(ctx, param, value):
    """--lms: a declared LMS profile (scorm_builder/lms.py), or a usage error listing them."""
    from scorm_builder import lms

    if value is not None and value not in lms.BY_NAME:
        raise click.BadParameter(lms.unknown_message(value))
    return value


LMS_OPTION = click.option("--lms", "lms_name", metavar="NAME", callback=_lms_name,
                          help="Build for this LMS profile (see `scorm-builder lms`); default: the company "
                               "profile's lms:, else generic.")
COURSE_ARG = click.argument("courses", metavar="COURSE...", nargs=-1, required=True,
                            type=click.Path(exists=True, path_type=Path))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="scorm-builder")
def main() -> None:
    """Turn YAML courses into SCORM 1.2 and SCORM 2004 packages.

    COURSE is a course folder (holding course.yaml and its assets/) or a YAML file.
    """


@main.command(short_help="Build SCORM zips, for company profiles too.")
@COURSE_ARG
@click.option("--standard", "-s", "standards", multiple=True, type=click.Choice(STANDARD_CHOICES),
              help="Standard to build; repeat for several. Default: scorm12 and scorm2004-4 (the LMS "
                   "profile's 2004 edition).")
@click.option("-o", "--output", "out_dir", default="output", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder the zips are written to.")
@click.option("--schemas", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of the official SCORM XSDs to copy to each package root, as the ADL "
                   "conformance suite requires (or set SCORM_BUILDER_SCHEMAS).")
@click.option("--company", "companies", multiple=True, metavar="PATTERN",
              help="Build for company profiles: an id, an id glob such as '*' or 'north*', a profile file, "
                   "or a quoted path glob such as 'courses/companies/*.yaml'; repeat for several. Builds "
                   "every course x company x standard in parallel.")
@COMPANIES_DIR
@click.option("-j", "--jobs", type=click.IntRange(1, 64), help="Worker processes for --company builds "
              "(default: one per core).")
@click.option("--language", "languages", multiple=True, metavar="LANG",
              help="Build from the translation translations/LANG.xlf ('*': every one); repeat for several. "
                   "Package names then carry the language.")
@click.option("--strict", is_flag=True, help="With --language: a text not translated (or needing review) is an "
              "error instead of a warning.")
@LMS_OPTION
def build(courses, standards, out_dir, schemas, companies, companies_dir, jobs, languages, strict, lms_name) -> None:
    """Build SCORM zips: OUTPUT/<course-id>[-<company>][-<lang>]-<version>-<standard>.zip."""
    from scorm_builder.lms import choosing, default_standards

    with choosing(lms_name):
        _build(courses, standards or default_standards(lms_name, _standards.DEFAULT), out_dir, schemas, companies,
               companies_dir, jobs, languages, strict)


def _build(courses, standards, out_dir, schemas, companies, companies_dir, jobs, languages, strict) -> None:
    from scorm_builder.pack.pipeline import build as run
    from scorm_builder.pack.pipeline import warnings_for
    DEFAULT_STANDARDS = _standards.DEFAULT

    if strict and not languages:
        raise click.UsageError("--strict applies to --language builds: add --language LANG")
    if languages and not companies:
        _build_languages(courses, standards or DEFAULT_STANDARDS, out_dir, schemas, languages, strict)
        return
    if companies:
        _build_matrix(courses, standards or DEFAULT_STANDARDS, out_dir, schemas, companies, companies_dir, jobs,
                      languages, strict)
        return
    built = run(courses, standards or DEFAULT_STANDARDS, out_dir, schemas)
    for item in built:
        click.echo(f"built {item.path} ({item.size / 1024:.0f} KB)")
        for warning in warnings_for(item):
            click.echo(f"warning: {warning}", err=True)


def _build_languages(courses, standards, out_dir, schemas, languages, strict) -> None:
    from scorm_builder.pack.pipeline import warnings_for
    from scorm_builder.translate.build import build_translated

    built, warnings = build_translated(courses, languages, standards, out_dir, schemas, strict)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    for item in built:
        click.echo(f"built {item.path} ({item.size / 1024:.0f} KB)")
        for warning in warnings_for(item):
            click.echo(f"warning: {warning}", err=True)


def _build_matrix(courses, standards, out_dir, schemas, patterns, companies_dir, jobs, languages=(),
                  strict=False) -> None:
    from scorm_builder.errors import BuilderError
    from scorm_builder.pack.batch import build_matrix, summary_table
    from scorm_builder.pack.pipeline import schemas_folder
    from scorm_builder.source.find import find_profiles
    from scorm_builder.translate.catalogs import languages_for

    profiles = find_profiles(patterns, companies_dir, courses)
    total = sum(len(languages_for(c, languages)) if languages else 1 for c in courses) * len(profiles)
    # sys.stderr: the stream helper of click this used to call is gone in Click 9
    with click.progressbar(length=total, label="Building", file=sys.stderr, show_pos=True) as bar:
        entries, failures = build_matrix(courses, profiles, standards, out_dir, schemas_folder(schemas),
                                         jobs, progress=bar.update, languages=languages, strict=strict)
    for failure in failures:
        language = f" in {failure.language}" if failure.language else ""
        click.echo(f"{failure.course} for company {failure.company}{language}:\n{failure.error}", err=True)
    click.echo(summary_table(entries, failures))
    click.echo(f"report: {out_dir / 'build-report.json'}")
    if failures:
        what = "course/company/language" if languages else "course/company"
        raise BuilderError(f"{len(failures)} of {total} {what} builds failed (see above)")


@main.command(short_help="Check courses as a build would, writing nothing.")
@COURSE_ARG
@click.option("--company", metavar="ID", help="Validate the course as customized by this company profile.")
@COMPANIES_DIR
@click.option("--json", "as_json", is_flag=True, help="Print the problems as a JSON list ([] when there are none).")
def validate(courses, company, companies_dir, as_json) -> None:
    """Check courses as a build would, without writing anything."""
    from scorm_builder.errors import CourseInvalid, render_json
    from scorm_builder.load import load_all
    from scorm_builder.source.find import find_profile

    profile = find_profile(company, companies_dir, courses)
    try:
        loaded = load_all(courses, profile)
    except CourseInvalid as err:
        if not as_json:
            raise
        click.echo(render_json(err.problems))
        raise SystemExit(1) from None
    if as_json:
        click.echo(render_json([]))
        return
    for course_id in dict.fromkeys(c.id for c in loaded):
        click.echo(f"ok {course_id}")


@main.command(short_help="Print the JSON Schema of a course or a profile.")
@click.option("--profile", is_flag=True, help="The company profile's schema instead of the course's.")
def schema(profile) -> None:
    """Print the JSON Schema of a course (or a profile), for editor autocompletion."""
    if profile:
        from scorm_builder.format.profile import json_schema_text
    else:
        from scorm_builder.format.json_schema import json_schema_text

    click.echo(json_schema_text(), nl=False)


@main.command(short_help="Create a commented course or company profile.")
@click.argument("new_id", metavar="ID")
@click.option("-d", "--directory", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to create it in (default: courses, or courses/companies with --company).")
@click.option("--company", "is_company", is_flag=True, help="Create a commented company profile ID.yaml instead.")
def new(new_id, directory, is_company) -> None:
    """Create a small, valid, commented course (or company profile) to start from."""
    from scorm_builder.tools.scaffold import DEFAULT_COMPANIES, company_option, scaffold, scaffold_profile

    if is_company:
        path = scaffold_profile(new_id, directory or DEFAULT_COMPANIES)
        click.echo(f"created {path}")
        click.echo(f"next: scorm-builder validate courses/<course> --company {company_option(new_id, path)}")
        return
    path = scaffold(new_id, directory or Path("courses"))
    click.echo(f"created {path}")
    click.echo(f"next: scorm-builder build {path.parent}")


@main.command(short_help="Check SCORM zips from any tool before upload.")
@click.argument("packages", metavar="PACKAGE.zip...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--schemas", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of the official SCORM XSDs to validate the manifest against "
                   "(or set SCORM_BUILDER_SCHEMAS).")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON list.")
def check(packages, schemas, as_json) -> None:
    """Check SCORM zips (from any tool) before upload: exit 1 when there are errors."""
    from scorm_builder.check.report import check_packages, has_errors, json_report, schemas_folder, text_report

    results = check_packages(packages, schemas_folder(schemas))
    for line in [json_report(results)] if as_json else text_report(results):
        click.echo(line)
    if has_errors(results):
        raise SystemExit(1)


@main.command(short_help="Warn about content that teaches badly or misleads.")
@COURSE_ARG
@click.option("--strict", is_flag=True, help="Exit with status 1 when there is any warning.")
@click.option("--company", metavar="ID", help="Lint the course as customized by this company profile (its text "
              "and its extra scripted phrases), and list what the profile changes next to the course's original.")
@COMPANIES_DIR
@click.option("--json", "as_json", is_flag=True, help="Print the warnings as a JSON list.")
def lint(courses, strict, company, companies_dir, as_json) -> None:
    """Warn about content that teaches empathy badly or misleads: scripted phrases in best options,
    principles no scenario teaches, sympathy leads where action is needed, missing or echoing feedback,
    text that contradicts the settings, Markdown the player drops, overrides that drift."""
    from scorm_builder.errors import count as counted
    from scorm_builder.errors import render_json
    from scorm_builder.source.find import find_profile
    from scorm_builder.tools.lint import lint as run
    from scorm_builder.tools.lint import summary
    from scorm_builder.tools.lint_profile import change_lines

    profile = find_profile(company, companies_dir, courses)
    results = run(courses, profile)
    warnings = [w for linted in results for w in linted.warnings]
    if as_json:
        click.echo(render_json(warnings))
        if strict and warnings:
            raise SystemExit(1)
        return
    for linted in results:
        for warning in linted.warnings:
            click.echo(str(warning))
        if not linted.warnings:
            click.echo(f"ok {linted.course.id}")
        if linted.changes:
            click.echo(f"{linted.course.id}: {counted(len(linted.changes), 'change')} by the profile "
                       f"{linted.course.company.source}:")
            for line in change_lines(linted.changes):
                click.echo(f"  {line}")
    if warnings:
        click.echo(summary(len(warnings), strict))
        if strict:
            raise SystemExit(1)


@main.command(short_help="Write the whole course on one page for review.")
@click.argument("course", type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(("markdown", "html")),
              help="Default: html when the -o file ends in .html, else markdown.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write; default: standard output.")
@click.option("--company", metavar="ID", help="The course as this company profile customizes it (its wording, "
              "pass mark and pages), for the client's reviewer.")
@click.option("--paths", is_flag=True, help="Instead, every path through each dialogue as plain text: its "
              "decisions, score totals and the debrief the learner reads at its ending.")
@COMPANIES_DIR
def outline(course, fmt, output, company, paths, companies_dir) -> None:
    """Write the whole course for a subject expert to review: every page, scenario option with its
    verdict and feedback, dialogue graph, and question with its answer."""
    from scorm_builder.source.find import find_profile
    from scorm_builder.tools.outline import outline as run

    text = run(course, fmt, output, profile=find_profile(company, companies_dir, [course]), paths=paths)
    if output is None:
        click.echo(text, nl=False)
    else:
        click.echo(f"wrote {output}")


@main.command(short_help="Try a course beside a live LMS debug panel.")
@click.argument("course", type=click.Path(exists=True, path_type=Path))
@click.option("--company", metavar="ID", help="Preview as this company (a profile id or file).")
@COMPANIES_DIR
@click.option("--standard", "-s", type=click.Choice(_standards.PREVIEW), default="scorm2004-4",
              show_default=True, help="Standard to start with; the page can switch.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="Port on 127.0.0.1 (0 picks a free one).")
@click.option("--no-browser", is_flag=True, help="Don't open a browser.")
@LMS_OPTION
@click.option("--mode", type=click.Choice(["normal", "browse", "review"]), default="normal", show_default=True,
              help="cmi5: the launch mode (LaunchData launchMode) to launch in; the debug panel can switch.")
def preview(course, company, companies_dir, standard, port, no_browser, lms_name, mode) -> None:
    """Try a course as a learner beside a debug panel of every LMS call; rebuilds on change."""
    from scorm_builder.source.find import find_profile
    from scorm_builder.tools.preview import serve

    profile = find_profile(company, companies_dir, [course])
    serve(course, profile, standard, port, not no_browser, click.echo, lms_name, mode.capitalize())


@main.command(short_help="List the LMS profiles and what each one sets.")
def lms() -> None:
    """The LMS profiles `build --lms` and a company profile's lms: choose, each setting with its source."""
    from scorm_builder.lms import describe

    click.echo(describe(), nl=False)


@main.group(short_help="Send a course's texts to translators and back (XLIFF).")
def translate() -> None:
    """Translate a course: extract its texts into translations/LANG.xlf (XLIFF 1.2, with each text's
    context for the translator), see the coverage, or write a pseudo-locale; then build it with
    `scorm-builder build COURSE --language LANG`."""


@translate.command(short_help="Write or update translations/LANG.xlf.")
@click.argument("course", type=click.Path(exists=True, path_type=Path))
@click.option("--to", "language", required=True, metavar="LANG", help="The language to translate into, e.g. fr.")
def extract(course, language) -> None:
    """Write COURSE's texts into translations/LANG.xlf (shared pieces into their library's
    translations/LANG.xlf), keeping what is translated: a text whose source changed needs review."""
    from scorm_builder.translate.extract import extract as run

    for written in run(course, language):
        click.echo(written.summary())


@translate.command(short_help="Translated, needing review and missing texts, per language.")
@click.argument("course", type=click.Path(exists=True, path_type=Path))
def status(course) -> None:
    """Print, for each translations/*.xlf of COURSE, how many texts are translated, need review or are missing."""
    from scorm_builder.translate.status import status_lines

    for line in status_lines(course):
        click.echo(line)


@translate.command(short_help="Write a pseudo-locale to test the player's layout.")
@click.argument("course", type=click.Path(exists=True, path_type=Path))
@click.option("--to", "language", default="qps", show_default=True, metavar="LANG",
              help="The pseudo-locale's code.")
def pseudo(course, language) -> None:
    """Write translations/LANG.xlf with every text accented, about 40% longer and bracketed, placeholders
    intact; `build COURSE --language qps` then shows truncation and untranslated text in the player."""
    from scorm_builder.translate.extract import extract as run
    from scorm_builder.translate.pseudo import pseudo_unit

    for written in run(course, language, fill=pseudo_unit):
        click.echo(written.summary())


if __name__ == "__main__":  # pragma: no cover
    main()
