// TaktSerial: see docs/architecture.md.
import TaktCore
