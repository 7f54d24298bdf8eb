; Inno Setup 6 script: the Windows installer of the one-folder bundle (NOT built nor tested by this
; project's CI: see the README, « Windows et macOS »).
;   1. on Windows, from the repository root:  py -3.11 -m venv .venv
;      .venv\Scripts\pip install -c constraints.txt -e ".[packaging]"
;      .venv\Scripts\python packaging\build.py bundle          -> dist\dossier-cdv\dossier-cdv.exe
;   2. "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\dossier-cdv.iss
;                                                              -> dist\dossier-cdv-0.1.0-installation.exe
; Per-user installation (no administrator rights asked: volunteers often have none on a shared
; computer), in French, with an entry in the Start menu and the file association of the dossiers.

#define AppName "Dossiers contrat de ville"
#define AppVersion "0.1.0"
#define AppExe "dossier-cdv.exe"
#define ProgId "DossierContratDeVille.Dossier"

[Setup]
AppId={{FA8CAF40-E1AB-563F-A3AC-58B8DF927CD3}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Les contributeurs de Dossiers contrat de ville
; per user: {autopf} is %LOCALAPPDATA%\Programs when the installer runs without administrator rights
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=dossier-cdv-{#AppVersion}-installation
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\dossier-cdv\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Préparer une demande de subvention contrat de ville"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The dossiers (*.cdv.json). Windows knows a file's type by its last extension only (.json): the
; application is added to « Ouvrir avec » of JSON files without becoming their default program, and a
; dossier opened that way starts the application with --dossier. Under HKCU (HKA with lowest
; privileges): nothing outside the user's profile is changed, and everything goes with the uninstall.
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Dossier contrat de ville"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" --dossier ""%1"""
Root: HKA; Subkey: "Software\Classes\.json\OpenWithProgids"; ValueType: none; ValueName: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".json"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
