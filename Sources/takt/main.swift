import TaktCLI

await TaktMain.run()
