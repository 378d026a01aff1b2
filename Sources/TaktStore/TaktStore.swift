// TaktStore: see docs/architecture.md.
import TaktCore
