// TaktGPS: see docs/architecture.md.
import TaktCore
