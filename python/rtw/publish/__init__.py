"""Scheduled, atomic builds: build into a new release, publish it by one rename, one
build at a time, with a run log per build (issue 7). See rtw.publish.pipeline and the
folder layout in rtw.publish.layout."""

from rtw.publish.layout import Layout, published_path
from rtw.publish.pipeline import EXIT_LOCKED, build

__all__ = ["EXIT_LOCKED", "Layout", "build", "published_path"]
