/// Shared test helpers (tools, temp directories, repo and shared-data paths) for this target.
@_exported import TaktTestSupport
