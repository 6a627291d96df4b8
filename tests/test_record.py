"""course/record.py: frozen records with the dataclasses contract, made without generated code."""
from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError
from typing import ClassVar

import pytest

from scorm_builder.course import record
from scorm_builder.course.model import Source, TextPage
from scorm_builder.course.record import field


@record.record
class Base:
    kind: ClassVar[str] = "base"
    name: str
    size: int = 1
    tags: tuple[str, ...] = field(default_factory=tuple)
    note: str = field(default="", compare=False, repr=False)


@record.record
class Child(Base):
    kind: ClassVar[str] = "child"
    extra: str = "x"


def test_fields_in_order_with_defaults_and_class_vars_left_out():
    assert [f.name for f in record.fields(Child("a"))] == ["name", "size", "tags", "note", "extra"]
    made = Child("a", 2, extra="y")
    assert (made.name, made.size, made.tags, made.note, made.extra) == ("a", 2, (), "", "y")
    assert Child.kind == "child" and made.kind == "child"


def test_factories_run_for_each_object():
    @record.record
    class Bag:
        items: list[str] = field(default_factory=list)

    first, second = Bag(), Bag()
    first.items.append("a")
    assert second.items == []


def test_equality_hash_and_repr_follow_the_flags():
    assert Base("a", note="one") == Base("a", note="two")
    assert hash(Base("a", note="one")) == hash(Base("a", note="two"))
    assert Base("a") != Base("b")
    assert Base("a") != Child("a")
    assert repr(Child("a", 2)) == "Child(name='a', size=2, tags=(), extra='x')"


def test_frozen():
    made = Base("a")
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'name'"):
        made.name = "b"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError, match="cannot delete field 'size'"):
        del made.size


def test_wrong_arguments_are_the_usual_type_errors():
    with pytest.raises(TypeError, match=r"Base.__init__\(\) missing 1 required positional argument: 'name'"):
        Base()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=r"Base.__init__\(\) got an unexpected keyword argument 'colour'"):
        Base("a", colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=r"Base.__init__\(\) got multiple values for argument 'name'"):
        Base("a", name="b")  # type: ignore[misc]
    with pytest.raises(TypeError, match=r"Base.__init__\(\) takes from 2 to 5 positional arguments but 6 were given"):
        Base("a", 1, (), "", "extra")  # type: ignore[call-arg]


def test_each_class_compiles_its_own_init_at_its_first_object():
    @record.record
    class Fresh:
        a: str
        b: int = 2

    @record.record
    class Later(Fresh):
        c: str = "c"

    assert Fresh.__init__ is Later.__init__  # both the shared first-use one
    assert (Later("x").c, Fresh("y").b) == ("c", 2)
    assert Fresh.__init__ is not Later.__init__ and Fresh.__init__.__qualname__.endswith("Fresh.__init__")
    assert [Later("x", 3, "z").__dict__[n] for n in "abc"] == ["x", 3, "z"]


def test_a_required_field_after_a_default_is_refused():
    with pytest.raises(TypeError, match="Late: field 'later' without a default follows 'note'"):
        @record.record
        class Late(Base):
            later: str


def test_replace_and_pickle_keep_values_and_stay_frozen():
    made = Child("a", 2, ("t",), "n", "y")
    changed = record.replace(made, size=3)
    assert (changed.size, changed.extra, made.size) == (3, "y", 2)
    with pytest.raises(TypeError, match="Child has no field 'colour'"):
        record.replace(made, colour="red")
    again = pickle.loads(pickle.dumps(made))
    assert again == made and again.note == "n"
    with pytest.raises(FrozenInstanceError):
        again.size = 4  # type: ignore[misc]


def test_the_model_is_made_of_records():
    where = Source("course.yaml", 3, 5, "lessons[0]")
    page = TextPage("p", "Title", "Body", None, None, None, where)
    assert record.is_record(page) and record.is_record(where)
    assert where.at("title") == Source("course.yaml", 3, 5, "lessons[0].title")
    assert "values=" not in repr(where)
