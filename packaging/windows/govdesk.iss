; Inno Setup 6 script: the Windows installer for govdesk's one-folder build.
;
; On a Windows machine, from the checkout (docs/packaging.md has the whole recipe):
;   py scripts\run.py --version          (creates .venv; then: .venv\Scripts\pip install -e .[packaging])
;   .venv\Scripts\pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\govdesk.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\govdesk.iss
; gives dist\govdesk-0.1.0-setup.exe. AppVersion is the version in pyproject.toml; the
; build script reads it from there, this file never repeats it.
;
; The installer puts the program in Program Files (or, for a user without administrator
; rights who chooses so, in their own programs folder) and writes nothing else there:
; govdesk keeps its database in the user's data folder (%LOCALAPPDATA%\govdesk, through
; platformdirs), which neither an upgrade nor the uninstaller touches.

#ifndef AppVersion
  #error Give the version from pyproject.toml: iscc /DAppVersion=X.Y.Z packaging\windows\govdesk.iss
#endif
#ifndef BundleDir
  ; PyInstaller's one-folder output, relative to this file
  #define BundleDir "..\..\dist\govdesk"
#endif

; The Chinese installer messages: part of Inno Setup's Languages folder in recent releases,
; an "unofficial" download for older ones, which may also be put beside this file.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define ChineseMessages "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseMessages "ChineseSimplified.isl"
#else
  #error ChineseSimplified.isl not found: copy it from Inno Setup's Languages\Unofficial folder (or jrsoftware.org/files/istrans) into the compiler's Languages folder
#endif

[Setup]
; Never change AppId: it is how an upgrade finds the installed copy (and keeps its folder).
AppId={{89F01320-FF64-40AC-A344-C7A8C95DF00E}
AppName=govdesk
AppVersion={#AppVersion}
AppVerName=govdesk {#AppVersion}
AppPublisher=govdesk
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\govdesk
DefaultGroupName=govdesk
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 runs on Windows 10 1809 and later
MinVersion=10.0.17763
; The installer's own icon; the program's is inside govdesk.exe (packaging/govdesk.spec).
SetupIconFile=..\..\resources\icons\govdesk.ico
UninstallDisplayIcon={app}\govdesk.exe
UninstallDisplayName=govdesk
; A running govdesk is asked to close before its files are replaced or removed.
CloseApplications=yes
RestartApplications=no
OutputDir=..\..\dist
OutputBaseFilename=govdesk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto

[Languages]
Name: "chinesesimplified"; MessagesFile: "{#ChineseMessages}"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.AppComment=居民登记、网格管理、矛盾调解和志愿服务
english.AppComment=Resident register, grids, mediation and volunteers

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundled libraries as a whole: a file an older version had and this
; one has not (a Qt plugin, a .pyd) must not stay behind to be loaded. Only program files
; live here; the user's data is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\govdesk"; Filename: "{app}\govdesk.exe"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\govdesk"; Filename: "{app}\govdesk.exe"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\govdesk.exe"; Description: "{cm:LaunchProgram,govdesk}"; Flags: nowait postinstall skipifsilent
