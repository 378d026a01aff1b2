import Testing
import TaktCore
@testable import TaktSerial
