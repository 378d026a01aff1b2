// TaktDaemon: see docs/architecture.md.
import TaktCore
