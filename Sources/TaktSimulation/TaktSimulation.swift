// TaktSimulation: see docs/architecture.md.
import TaktCore
