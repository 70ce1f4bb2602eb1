"""Chatbot flows: the document model, node registry, validation and the interpreter (no Qt, no SQL)."""

from __future__ import annotations

from .document import (
    FORMAT, SCHEMA, Edge, Flow, FlowFormatError, Node, Note, dumps, load, load_file, save_file,
    to_dict,
)
from .interpreter import MAX_STEPS, Interpreter
from .matching import match_option, trigger_matches
from .runtime import (
    ActionSink, ConnectionInfo, ContactInfo, FlowResolver, MenuOption, MessageSpec, RunContext,
    RunState, RunStatus,
)
from .validation import Finding, Report, validate
from .validators import Answer

__all__ = [
    "FORMAT", "MAX_STEPS", "SCHEMA", "ActionSink", "Answer", "ConnectionInfo", "ContactInfo",
    "Edge", "Finding", "Flow", "FlowFormatError", "FlowResolver", "Interpreter", "MenuOption",
    "MessageSpec", "Node", "Note", "Report", "RunContext", "RunState", "RunStatus", "dumps",
    "load", "load_file", "match_option", "save_file", "to_dict", "trigger_matches", "validate",
]
