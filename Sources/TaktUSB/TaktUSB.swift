// TaktUSB: see docs/architecture.md.
import TaktCore
