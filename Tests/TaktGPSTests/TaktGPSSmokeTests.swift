import Testing
import TaktCore
@testable import TaktGPS
