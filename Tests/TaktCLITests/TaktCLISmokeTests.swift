import Testing
import TaktCore
@testable import TaktCLI
