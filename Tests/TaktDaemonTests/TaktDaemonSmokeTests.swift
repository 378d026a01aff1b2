import Testing
import TaktCore
@testable import TaktDaemon
