"""Company terms in course text: ``{{ company.name }}``, ``{{ terms.agent }}``, through Jinja's sandbox.

Only course text is a template; values from a profile are inserted as plain text and
never rendered again. Undefined names are errors with the file and line of the text.
The result is plain text: later stages escape it for HTML and XML like any other text.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from scorm_builder.source.loader import Map, Seq
from scorm_builder.format.spec import Ctx

MAX_OUTPUT = 20000  # characters one substituted text may grow to


@lru_cache(maxsize=1)
def _env():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                         keep_trailing_newline=True)


def substitute(tree: Map, variables: dict[str, Any], ctx: Ctx) -> None:
    """Render every text value of ``tree`` that holds ``{{`` or ``{%``, in place."""
    _walk(tree, variables, ctx, "")


def _walk(node, variables, ctx: Ctx, path: str) -> None:
    if isinstance(node, Map):
        for key, value in node.items():
            sub = f"{path}.{key}" if path else key
            if isinstance(value, str):
                node[key] = _render(value, variables, ctx, node.where(key), sub)
            else:
                _walk(value, variables, ctx, sub)
    elif isinstance(node, Seq):
        for i, value in enumerate(node):
            if isinstance(value, str):
                node[i] = _render(value, variables, ctx, node.where(i), f"{path}[{i}]")
            else:
                _walk(value, variables, ctx, f"{path}[{i}]")


def _render(text: str, variables, ctx: Ctx, where, path: str) -> str:
    if "{{" not in text and "{%" not in text and "{#" not in text:
        return text
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    names = ", ".join(_known(variables))
    try:
        out = _env().from_string(text).render(variables)
    except UndefinedError as err:
        ctx.error(where, path, f"unknown variable in text ({err.message}; expected one of: {names})",
                  "fix the name, or define it under 'terms:' in the course or the company profile")
        return text
    except SecurityError as err:
        ctx.error(where, path, f"the text uses something a course may not reach ({err})",
                  "use only {{ company.name }} and {{ terms.<name> }} in course text")
        return text
    except TemplateSyntaxError as err:
        ctx.error(where, path, f"broken '{{{{ }}}}' in text ({err.message})",
                  "write variables as {{ terms.agent }}; to show braces literally use {{ '{{' }}")
        return text
    except Exception as err:  # noqa: BLE001 - any other failure of a template is the author's
        ctx.error(where, path, f"the text could not be filled in ({type(err).__name__}: {err})",
                  "use only {{ company.name }} and {{ terms.<name> }} in course text")
        return text
    if len(out) > MAX_OUTPUT:
        ctx.error(where, path, f"the text grows too long once filled in (expected at most {MAX_OUTPUT} "
                  f"characters, got {len(out)})", "shorten the text or the values it uses")
        return text
    return out


def _known(variables: dict[str, Any]) -> list[str]:
    out = []
    for key, value in sorted(variables.items()):
        if isinstance(value, dict):
            out.extend(f"{key}.{k}" for k in sorted(value))
        else:
            out.append(key)
    return out
