<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AccountsDialog</name>
    <message>
        <source>用户管理</source>
        <translation>User Accounts</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>锁定至</source>
        <translation>Locked until</translation>
    </message>
    <message>
        <source>上次登录</source>
        <translation>Last sign-in</translation>
    </message>
    <message>
        <source>添加用户(&amp;A)…</source>
        <translation>&amp;Add User…</translation>
    </message>
    <message>
        <source>修改角色(&amp;R)…</source>
        <translation>Change &amp;Role…</translation>
    </message>
    <message>
        <source>停用(&amp;D)</source>
        <translation>&amp;Disable</translation>
    </message>
    <message>
        <source>解锁(&amp;L)</source>
        <translation>Un&amp;lock</translation>
    </message>
    <message>
        <source>重置密码(&amp;P)…</source>
        <translation>Reset &amp;Password…</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>从不自动锁定</source>
        <translation>Never</translation>
    </message>
    <message>
        <source>应用(&amp;S)</source>
        <translation>&amp;Set</translation>
    </message>
    <message>
        <source>无操作自动锁定(&amp;I)：</source>
        <translation>Lock when &amp;idle for:</translation>
    </message>
    <message>
        <source>（0 表示从不）</source>
        <translation>(0 means never)</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>启用（待修改密码）</source>
        <translation>Active (must change password)</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>启用(&amp;E)</source>
        <translation>&amp;Enable</translation>
    </message>
    <message>
        <source>已添加用户 %1</source>
        <translation>User %1 added</translation>
    </message>
    <message>
        <source>%1 的角色已改为%2</source>
        <translation>Role of %1 changed to %2</translation>
    </message>
    <message>
        <source>已启用 %1</source>
        <translation>%1 enabled</translation>
    </message>
    <message>
        <source>已停用 %1</source>
        <translation>%1 disabled</translation>
    </message>
    <message>
        <source>已解锁 %1</source>
        <translation>%1 unlocked</translation>
    </message>
    <message>
        <source>已重置 %1 的密码，该用户下次登录时须修改密码</source>
        <translation>Password of %1 reset; they must change it at their next sign-in</translation>
    </message>
    <message>
        <source>已设置：无操作 %1 分钟后自动锁定</source>
        <translation>Set: lock after %1 minutes without use</translation>
    </message>
    <message>
        <source>已设置：从不自动锁定</source>
        <translation>Set: never lock automatically</translation>
    </message>
    <message>
        <source>已修改 %1 的角色</source>
        <translation>Role of %1 changed</translation>
    </message>
</context>
<context>
    <name>AddMemberDialog</name>
    <message>
        <source>添加成员</source>
        <translation>Add Member</translation>
    </message>
    <message>
        <source>姓名、拼音首字母、身份证号后几位</source>
        <translation>Name, pinyin initials or last digits of the ID number</translation>
    </message>
    <message>
        <source>查找居民：</source>
        <translation>Find resident:</translation>
    </message>
    <message>
        <source>与户主关系：</source>
        <translation>Relation to head:</translation>
    </message>
    <message>
        <source>加入本户</source>
        <translation>Add to Household</translation>
    </message>
    <message>
        <source>请先查找并选中一位居民</source>
        <translation>Find and select a resident first</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>添加用户</source>
        <translation>Add User</translation>
    </message>
    <message>
        <source>登录用的名字，如：zhangsan</source>
        <translation>The name to sign in with, e.g. zhangsan</translation>
    </message>
    <message>
        <source>用户名(&amp;U)：</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>姓名(&amp;M)：</source>
        <translation>Full na&amp;me:</translation>
    </message>
    <message>
        <source>角色(&amp;R)：</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <source>初始密码(&amp;P)：</source>
        <translation>First &amp;password:</translation>
    </message>
    <message>
        <source>请把初始密码当面告诉该用户；首次登录时须改为自己的密码。</source>
        <translation>Give the user this password in person; they must change it to their own at first sign-in.</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>审计日志(&amp;L)…</source>
        <translation>Audit &amp;Log…</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>记录类型</source>
        <translation>Record type</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message>
        <source>审计日志</source>
        <translation>Audit Log</translation>
    </message>
    <message>
        <source>记录编号或内容，如姓名</source>
        <translation>ID or any text</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>选择一条记录以查看详情</source>
        <translation>Select an entry to see its details</translation>
    </message>
    <message>
        <source>导出Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>校验完整性</source>
        <translation>Verify Integrity</translation>
    </message>
    <message>
        <source>全部用户</source>
        <translation>All users</translation>
    </message>
    <message>
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <source>（向下滚动显示更多）</source>
        <translation> (scroll down for more)</translation>
    </message>
    <message>
        <source>显示 %1 条</source>
        <translation>Showing %1 entries</translation>
    </message>
    <message>
        <source>第%1条</source>
        <translation>Entry %1</translation>
    </message>
    <message>
        <source>哈希：%1</source>
        <translation>Hash: %1</translation>
    </message>
    <message>
        <source>导出审计日志</source>
        <translation>Export Audit Log</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出 %1 条到
%2</source>
        <translation>Exported %1 entries to
%2</translation>
    </message>
    <message>
        <source>正在导出到 %1…</source>
        <translation>Exporting to %1…</translation>
    </message>
    <message>
        <source>校验审计日志</source>
        <translation>Verify Audit Log</translation>
    </message>
    <message>
        <source>正在校验…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <source>末条（可记下，供以后核对）：</source>
        <translation>Last entry (note it down to check against later):</translation>
    </message>
    <message>
        <source>正在校验审计日志的哈希链…</source>
        <translation>Verifying the audit log&apos;s hash chain…</translation>
    </message>
</context>
<context>
    <name>BackupMenu</name>
    <message>
        <source>govdesk 备份 (*.gdbak *.db);;所有文件 (*)</source>
        <translation>govdesk backups (*.gdbak *.db);;All files (*)</translation>
    </message>
    <message>
        <source>立即备份(&amp;B)…</source>
        <translation>&amp;Back Up Now…</translation>
    </message>
    <message>
        <source>从备份恢复(&amp;R)…</source>
        <translation>&amp;Restore from Backup…</translation>
    </message>
    <message>
        <source>设置备份口令(&amp;K)…</source>
        <translation>Set Backup Pass&amp;phrase…</translation>
    </message>
    <message>
        <source>备份未加密：设置备份口令</source>
        <translation>Backups not encrypted: set a passphrase</translation>
    </message>
    <message>
        <source>备份未加密，请管理员设置备份口令</source>
        <translation>Backups not encrypted; ask an administrator to set a passphrase</translation>
    </message>
    <message>
        <source>设置备份口令之前，备份文件没有加密：拿到文件的人都能读取其中的居民信息。</source>
        <translation>Until a backup passphrase is set, backups are not encrypted: anyone with the file can read the residents in it.</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back Up Now</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>正在备份数据库…</source>
        <translation>Backing up the database…</translation>
    </message>
    <message>
        <source>已备份到 %1</source>
        <translation>Backed up to %1</translation>
    </message>
    <message>
        <source>已备份到 %1。

这份备份没有加密：拿到文件的人都能读取其中的居民信息。请管理员在“工具 → 设置备份口令…”中设置口令，之后的备份都会加密。</source>
        <translation>Backed up to %1.

This backup is not encrypted: anyone with the file can read the residents in it. Ask an administrator to set a passphrase in Tools → Set Backup Passphrase…; later backups will then be encrypted.</translation>
    </message>
    <message>
        <source>备份口令已设置，今后的备份都会加密。</source>
        <translation>The backup passphrase is set; from now on backups are encrypted.</translation>
    </message>
    <message>
        <source>设置备份口令</source>
        <translation>Set Backup Passphrase</translation>
    </message>
    <message>
        <source>正在保护备份密钥…</source>
        <translation>Protecting the backup key…</translation>
    </message>
    <message>
        <source>正在自动备份…</source>
        <translation>Making the automatic backup…</translation>
    </message>
    <message>
        <source>已自动备份：%1</source>
        <translation>Automatic backup made: %1</translation>
    </message>
    <message>
        <source>自动备份没有完成：%1</source>
        <translation>The automatic backup did not finish: %1</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from Backup</translation>
    </message>
    <message>
        <source>正在解密并检查备份…</source>
        <translation>Decrypting and checking the backup…</translation>
    </message>
    <message>
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>用备份“%1”替换数据库“%2”？</source>
        <translation>Replace the database “%2” with the backup “%1”?</translation>
    </message>
    <message>
        <source>备份制作于：%1</source>
        <translation>Backup made: %1</translation>
    </message>
    <message>
        <source>其中居民：%1 人</source>
        <translation>Residents in it: %1</translation>
    </message>
    <message>
        <source>备份之后录入的内容不在其中。当前文件不会删除，会改名为“%1-replaced-时间”保留。</source>
        <translation>Anything entered after the backup is not in it. The current file is not deleted; it is kept as “%1-replaced-time”.</translation>
    </message>
    <message>
        <source>已从备份恢复数据库。</source>
        <translation>The database was restored from the backup.</translation>
    </message>
    <message>
        <source>原来的文件保留为 %1。</source>
        <translation>The previous file is kept as %1.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>修改密码</source>
        <translation>Change Password</translation>
    </message>
    <message>
        <source>管理员为您设置了临时密码。请先设置您自己的新密码，然后开始工作。</source>
        <translation>Your administrator gave you a temporary password. Set your own new password before you start work.</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>当前密码(&amp;O)：</source>
        <translation>Current passw&amp;ord:</translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation>Sign Out</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请输入当前密码</source>
        <translation>Enter your current password</translation>
    </message>
    <message>
        <source>新密码不能与当前密码相同</source>
        <translation>The new password must differ from the current one</translation>
    </message>
</context>
<context>
    <name>DatabaseErrorDialog</name>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>无法打开数据库文件“%1”。</source>
        <translation>Cannot open the database file “%1”.</translation>
    </message>
    <message>
        <source>位置：%1

原因：%2

该文件没有被改动。</source>
        <translation>Folder: %1

Problem: %2

The file has not been changed.</translation>
    </message>
    <message>
        <source>最近的备份制作于 %1。从它恢复时，当前文件会改名保留，不会被覆盖。</source>
        <translation>The latest backup was made at %1. Restoring it keeps the current file under a new name; nothing is overwritten.</translation>
    </message>
    <message>
        <source>从最近的备份恢复（%1）…</source>
        <translation>Restore Latest Backup (%1)…</translation>
    </message>
    <message>
        <source>选择其他文件…</source>
        <translation>Choose another file…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ExceptionHook</name>
    <message>
        <source>程序出现问题</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <source>刚才的操作没有完成。已经保存的数据不受影响，可以继续工作。</source>
        <translation>The last action did not finish. Data already saved is not affected, and you can carry on working.</translation>
    </message>
    <message>
        <source>如果这个问题反复出现，请把下面的记录文件发给技术支持人员：</source>
        <translation>If this keeps happening, please send this log file to your support contact:</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>选择文件</source>
        <translation>Choose a File</translation>
    </message>
    <message>
        <source>支持 Excel（.xlsx、.xls）、WPS/LibreOffice（.ods）和 CSV（UTF-8 或 GBK）。</source>
        <translation>Excel (.xlsx, .xls), WPS/LibreOffice (.ods) and CSV (UTF-8 or GBK) files can be read.</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>选择要导入的文件</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <source>电子表格 (*.xlsx *.xlsm *.xls *.ods *.csv);;所有文件 (*)</source>
        <translation>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>读取文件</source>
        <translation>Read File</translation>
    </message>
    <message>
        <source>正在读取 {name}…</source>
        <translation>Reading {name}…</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>新建单位数据库</source>
        <translation>New office database</translation>
    </message>
    <message>
        <source>欢迎使用 govdesk。请填写本单位的基本信息，程序将新建数据库文件：</source>
        <translation>Welcome to govdesk. Enter your office&apos;s details and govdesk will create this database file:</translation>
    </message>
    <message>
        <source>如：幸福社区居民委员会</source>
        <translation>e.g. Xingfu Residents&apos; Committee</translation>
    </message>
    <message>
        <source>12位数字，如：110105001001</source>
        <translation>12 digits, e.g. 110105001001</translation>
    </message>
    <message>
        <source>社区（居委会）</source>
        <translation>Community (residents&apos; committee)</translation>
    </message>
    <message>
        <source>村（村委会）</source>
        <translation>Village (villagers&apos; committee)</translation>
    </message>
    <message>
        <source>管理员账户：用它登录，并为同事建立账户。请牢记密码，程序中没有预设的密码。</source>
        <translation>Administrator account: sign in with it and create accounts for your colleagues. Remember the password: govdesk has no default password.</translation>
    </message>
    <message>
        <source>如：admin</source>
        <translation>e.g. admin</translation>
    </message>
    <message>
        <source>单位名称(&amp;N)：</source>
        <translation>Office &amp;name:</translation>
    </message>
    <message>
        <source>统计用区划代码(&amp;C)：</source>
        <translation>Division &amp;code:</translation>
    </message>
    <message>
        <source>单位类型(&amp;K)：</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>管理员用户名(&amp;U)：</source>
        <translation>Admin &amp;user name:</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请填写管理员用户名</source>
        <translation>Enter the administrator&apos;s user name</translation>
    </message>
    <message>
        <source>无法在该位置新建文件：%1</source>
        <translation>Cannot create a file there: %1</translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>与户主关系</source>
        <translation>Relation</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>公民身份号码</source>
        <translation>Citizen ID number</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>户信息</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>输入户号后按回车</source>
        <translation>Type a household number and press Enter</translation>
    </message>
    <message>
        <source>户号：</source>
        <translation>Household number:</translation>
    </message>
    <message>
        <source>户别：</source>
        <translation>Household type:</translation>
    </message>
    <message>
        <source>地址：</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>查看人员</source>
        <translation>Open Person</translation>
    </message>
    <message>
        <source>添加成员…</source>
        <translation>Add Member…</translation>
    </message>
    <message>
        <source>迁到其他户…</source>
        <translation>Move to Another Household…</translation>
    </message>
    <message>
        <source>设为户主</source>
        <translation>Make Head</translation>
    </message>
    <message>
        <source>分户…</source>
        <translation>Split Household…</translation>
    </message>
    <message>
        <source>新建户</source>
        <translation>New Household</translation>
    </message>
    <message>
        <source>打印户信息表</source>
        <translation>Print Household Form</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>{name} 尚未入户：输入已有户号后按回车，或填写新户号后点“新建户”</source>
        <translation>{name} is not in a household yet: type an existing household number and press Enter, or type a new number and click “New Household”</translation>
    </message>
    <message>
        <source>找不到户号 {n}</source>
        <translation>No household numbered {n}</translation>
    </message>
    <message>
        <source>共 {n} 名在册成员</source>
        <translation>{n} members on the register</translation>
    </message>
    <message>
        <source>请先选中一名成员</source>
        <translation>Select a member first</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>请输入密码</source>
        <translation>Enter your password</translation>
    </message>
    <message>
        <source>密码不正确。连续输错 %1 次账户将锁定。</source>
        <translation>Wrong password. After %1 wrong attempts in a row the account is locked.</translation>
    </message>
    <message>
        <source>有工作正在进行，请先解锁，等它完成后再切换用户。</source>
        <translation>Work is still in progress. Unlock, and switch user once it has finished.</translation>
    </message>
    <message>
        <source>还有打开的窗口，请先解锁并关闭它们，再切换用户。</source>
        <translation>Some windows are still open. Unlock and close them before switching user.</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>导入居民</source>
        <translation>Import Residents</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>LockPanel</name>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>为保护居民个人信息，屏幕已锁定。
当前用户：%1。请输入密码继续工作。</source>
        <translation>The screen is locked to protect residents&apos; personal information.
User: %1. Enter your password to carry on.</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>解锁(&amp;U)</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <source>切换用户(&amp;S)…</source>
        <translation>&amp;Switch User…</translation>
    </message>
    <message>
        <source>退出程序(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>新建管理员账户</source>
        <translation>New Administrator Account</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign In</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>这个数据库还没有任何账户。请设置管理员账户：管理员登录后可以为同事建立账户。请牢记密码，程序中没有预设的密码。</source>
        <translation>This database has no accounts yet. Set up an administrator account: once signed in, the administrator can create accounts for colleagues. Remember the password: govdesk has no default password.</translation>
    </message>
    <message>
        <source>如：admin</source>
        <translation>e.g. admin</translation>
    </message>
    <message>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>管理员用户名(&amp;U)：</source>
        <translation>Admin &amp;user name:</translation>
    </message>
    <message>
        <source>姓名(&amp;M)：</source>
        <translation>Full na&amp;me:</translation>
    </message>
    <message>
        <source>创建并登录</source>
        <translation>Create and Sign In</translation>
    </message>
    <message>
        <source>用户名(&amp;U)：</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>密码(&amp;P)：</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>请输入用户名</source>
        <translation>Enter your user name</translation>
    </message>
    <message>
        <source>请输入密码</source>
        <translation>Enter your password</translation>
    </message>
    <message>
        <source>请输入管理员用户名</source>
        <translation>Enter the administrator&apos;s user name</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>居民登记</source>
        <translation>Residents</translation>
    </message>
    <message>
        <source>网格管理</source>
        <translation>Grids</translation>
    </message>
    <message>
        <source>矛盾调解</source>
        <translation>Mediation</translation>
    </message>
    <message>
        <source>志愿服务</source>
        <translation>Volunteers</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>打开数据库(&amp;O)…</source>
        <translation>&amp;Open Database…</translation>
    </message>
    <message>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>放大字号(&amp;I)</source>
        <translation>Larger Text</translation>
    </message>
    <message>
        <source>缩小字号(&amp;D)</source>
        <translation>Smaller Text</translation>
    </message>
    <message>
        <source>恢复默认字号(&amp;R)</source>
        <translation>&amp;Reset Text Size</translation>
    </message>
    <message>
        <source>工具(&amp;T)</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>首选项(&amp;P)…</source>
        <translation>&amp;Preferences…</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于(&amp;A)</source>
        <translation>&amp;About govdesk</translation>
    </message>
    <message>
        <source>仍有工作在进行</source>
        <translation>Work still in progress</translation>
    </message>
    <message>
        <source>“%1”还没有完成。现在退出会取消它，已保存的数据不会改变。仍要退出吗？</source>
        <translation>“%1” has not finished. Quitting now cancels it; data already saved is not changed. Quit anyway?</translation>
    </message>
    <message>
        <source>数据库：%1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>在册居民 %1 人，%2 户</source>
        <translation>On the register: %1 residents, %2 households</translation>
    </message>
    <message>
        <source>首选项</source>
        <translation>Preferences</translation>
    </message>
    <message>
        <source>新的界面语言将在下次启动程序时生效。</source>
        <translation>The new language will be used the next time govdesk starts.</translation>
    </message>
    <message>
        <source>关于 govdesk</source>
        <translation>About govdesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;govdesk %1&lt;/h3&gt;&lt;p&gt;面向社区居委会和村委会的离线办公软件，无需联网。&lt;/p&gt;&lt;p&gt;本单位的数据保存在本机的这个文件中：&lt;br&gt;%2&lt;/p&gt;&lt;p&gt;界面和打印使用文泉驿微米黑字体（Apache 2.0 许可）。&lt;/p&gt;</source>
        <translation>&lt;h3&gt;govdesk %1&lt;/h3&gt;&lt;p&gt;Offline desk software for community and village offices; no network needed.&lt;/p&gt;&lt;p&gt;Your office&apos;s data is kept on this computer, in this file:&lt;br&gt;%2&lt;/p&gt;&lt;p&gt;The window and printouts use the WenQuanYi Micro Hei font (Apache 2.0 licence).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>打开数据库</source>
        <translation>Open Database</translation>
    </message>
    <message>
        <source>govdesk 数据库 (*.db *.sqlite *.sqlite3);;所有文件 (*)</source>
        <translation>govdesk databases (*.db *.sqlite *.sqlite3);;All files (*)</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>必须有一列对应“姓名”</source>
        <translation>One column must go into “Name”</translation>
    </message>
    <message>
        <source>多列对应同一字段：{labels}。每个字段只能选一列</source>
        <translation>Several columns go into the same field: {labels}. Each field takes one column only</translation>
    </message>
    <message>
        <source>核对列对应关系</source>
        <translation>Check the Columns</translation>
    </message>
    <message>
        <source>表格中的列</source>
        <translation>Column in the sheet</translation>
    </message>
    <message>
        <source>示例</source>
        <translation>Example</translation>
    </message>
    <message>
        <source>导入为</source>
        <translation>Import as</translation>
    </message>
    <message>
        <source>表头在第 {row} 行，数据从第 {first} 行开始，共 {n} 行。请核对每一列导入到哪个字段：</source>
        <translation>The header is on row {row}; data starts on row {first}, {n} rows in all. Check which field each column goes into:</translation>
    </message>
    <message>
        <source>（不导入）</source>
        <translation>(do not import)</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>迁到其他户 - {name}</source>
        <translation>Move to Another Household - {name}</translation>
    </message>
    <message>
        <source>迁入户号：</source>
        <translation>Into household number:</translation>
    </message>
    <message>
        <source>与新户主关系：</source>
        <translation>Relation to the new head:</translation>
    </message>
    <message>
        <source>迁入</source>
        <translation>Move</translation>
    </message>
</context>
<context>
    <name>NetworkShareWarning</name>
    <message>
        <source>数据库在网络位置上</source>
        <translation>Database on a network share</translation>
    </message>
    <message>
        <source>数据库“%1”保存在网络共享文件夹中。</source>
        <translation>The database “%1” is kept in a shared network folder.</translation>
    </message>
    <message>
        <source>正在使用的数据库必须放在本机磁盘上：网络断开或两台电脑同时写入都可能损坏数据。请把它复制到本机磁盘后使用，网络共享只用来存放备份。

本次仍可继续使用，govdesk已改用更稳妥但较慢的保存方式。</source>
        <translation>The database you work in must be on this computer&apos;s own disk: a dropped network connection, or two computers writing at once, can damage the data. Copy it to a local disk and use it there; keep only backups on the network share.

You can carry on this time: govdesk has switched to a safer but slower way of saving.</translation>
    </message>
    <message>
        <source>不再提示</source>
        <translation>Don&apos;t show this again</translation>
    </message>
</context>
<context>
    <name>NewPasswordFields</name>
    <message>
        <source>密码至少 %1 个字符，不能与用户名相同。建议混用字母、数字和符号。</source>
        <translation>At least %1 characters, not the user name. Mix letters, digits and symbols.</translation>
    </message>
    <message>
        <source>新密码(&amp;P)：</source>
        <translation>New &amp;password:</translation>
    </message>
    <message>
        <source>再次输入(&amp;A)：</source>
        <translation>Type it &amp;again:</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords do not match</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>设置备份口令</source>
        <translation>Set Backup Passphrase</translation>
    </message>
    <message>
        <source>备份口令用来加密所有备份文件，包括每天的自动备份和升级前的备份。自动备份不需要输入口令；恢复备份时需要。
请牢记并妥善保管：忘记口令，加密的备份就无法恢复。至少 %1 个字符。</source>
        <translation>The backup passphrase encrypts every backup file, including the daily automatic backups and those made before an upgrade. Automatic backups do not ask for it; restoring a backup does.
Remember it and keep it safe: without it, encrypted backups cannot be restored. At least %1 characters.</translation>
    </message>
    <message>
        <source>忘记了当前口令：生成新的密钥（以前的备份仍需原来的口令才能恢复）</source>
        <translation>Forgot it? Make a new key (old backups still need the old one)</translation>
    </message>
    <message>
        <source>当前口令：</source>
        <translation>Current passphrase:</translation>
    </message>
    <message>
        <source>新口令：</source>
        <translation>New passphrase:</translation>
    </message>
    <message>
        <source>再输入一次：</source>
        <translation>Type it again:</translation>
    </message>
    <message>
        <source>两次输入的口令不一致</source>
        <translation>The two passphrases do not match</translation>
    </message>
    <message>
        <source>请输入当前口令</source>
        <translation>Enter the current passphrase</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>请在“户信息”中迁入迁出</source>
        <translation>Move people in or out under “Household”</translation>
    </message>
    <message>
        <source>状态：{status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <source>新登记居民</source>
        <translation>New resident</translation>
    </message>
    <message>
        <source>状态变更…</source>
        <translation>Change Status…</translation>
    </message>
    <message>
        <source>打印登记表</source>
        <translation>Print Registration Form</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>居民信息 - {name}</source>
        <translation>Resident - {name}</translation>
    </message>
    <message>
        <source>新增居民</source>
        <translation>New Resident</translation>
    </message>
    <message>
        <source>有 {n} 处错误，改正后才能保存</source>
        <translation>{n} problem(s) to correct before saving</translation>
    </message>
    <message>
        <source>已有同名同出生日期的人员。确认不是重复登记后，再按一次“保存”。</source>
        <translation>Someone with the same name and date of birth is already registered. If this is not a duplicate, press “Save” again.</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>公民身份号码</source>
        <translation>Citizen ID number</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>民族</source>
        <translation>Ethnic group</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>人员类型</source>
        <translation>Person type</translation>
    </message>
    <message>
        <source>政治面貌</source>
        <translation>Political status</translation>
    </message>
    <message>
        <source>文化程度</source>
        <translation>Education</translation>
    </message>
    <message>
        <source>婚姻状况</source>
        <translation>Marital status</translation>
    </message>
    <message>
        <source>职业</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household number</translation>
    </message>
    <message>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <source>户籍地址</source>
        <translation>Registered address</translation>
    </message>
    <message>
        <source>现住址</source>
        <translation>Current address</translation>
    </message>
    <message>
        <source>居住证号码</source>
        <translation>Residence permit number</translation>
    </message>
    <message>
        <source>来本地日期</source>
        <translation>Arrival date</translation>
    </message>
    <message>
        <source>来本地事由</source>
        <translation>Reason for coming</translation>
    </message>
    <message>
        <source>房东</source>
        <translation>Landlord</translation>
    </message>
    <message>
        <source>国籍</source>
        <translation>Nationality</translation>
    </message>
    <message>
        <source>护照号码</source>
        <translation>Passport number</translation>
    </message>
    <message>
        <source>打开已登记人员</source>
        <translation>Open the registered person</translation>
    </message>
    <message>
        <source>基本信息</source>
        <translation>Basic details</translation>
    </message>
    <message>
        <source>户籍与住址</source>
        <translation>Registration and address</translation>
    </message>
    <message>
        <source>流动人口</source>
        <translation>Floating population</translation>
    </message>
    <message>
        <source>境外人员</source>
        <translation>Foreign nationals</translation>
    </message>
    <message>
        <source>关爱类别</source>
        <translation>Care categories</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>如 1990-03-07</source>
        <translation>e.g. 1990-03-07</translation>
    </message>
    <message>
        <source>显示完整号码</source>
        <translation>Show Full Number</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>首选项</source>
        <translation>Preferences</translation>
    </message>
    <message>
        <source>界面语言在重新启动程序后生效。</source>
        <translation>The language changes when govdesk is restarted.</translation>
    </message>
    <message>
        <source> 磅</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>界面语言(&amp;L)：</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>字号(&amp;S)：</source>
        <translation>Text &amp;size:</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>开始导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>文件共 {total} 行数据。下面是前 {n} 行的检查结果，其中 {bad} 行有错误，导入时会跳过并列入问题清单。</source>
        <translation>The file has {total} data rows. Below are the checks of the first {n}: {bad} of them have errors and will be skipped and listed in the problem report.</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>保存为PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>保存为PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>居民信息登记表-{name}</source>
        <translation>Resident registration form - {name}</translation>
    </message>
    <message>
        <source>户信息表-{number}</source>
        <translation>Household form - {number}</translation>
    </message>
    <message>
        <source>打印户信息表</source>
        <translation>Print Household Form</translation>
    </message>
    <message>
        <source>{name} 尚未入户，没有户信息表可打印。</source>
        <translation>{name} is not in a household yet, so there is no household form to print.</translation>
    </message>
</context>
<context>
    <name>ReadOnlyQuestion</name>
    <message>
        <source>以只读方式打开</source>
        <translation>Open Read-Only</translation>
    </message>
    <message>
        <source>可以以只读方式打开“%1”：能查看，但不能修改。</source>
        <translation>You can open “%1” read-only: you can look, but not change anything.</translation>
    </message>
    <message>
        <source>如果那台电脑已经关机、死机或断电，govdesk并没有在运行，可以解除锁定并正常打开。如果对方仍在使用，解除锁定会让两处同时修改，可能损坏数据。</source>
        <translation>If that computer has been shut down, has frozen or has lost power, govdesk is not running there, and you can release the lock and open the file as usual. If it is still in use there, releasing the lock lets two places change the file at once, which can damage the data.</translation>
    </message>
    <message>
        <source>解除锁定并打开</source>
        <translation>Release Lock and Open</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>重置密码</source>
        <translation>Reset Password</translation>
    </message>
    <message>
        <source>请把新密码当面告诉该用户。该用户下次登录时必须修改密码。</source>
        <translation>Give the user the new password in person. They must change it at their next sign-in.</translation>
    </message>
    <message>
        <source>用户：</source>
        <translation>User:</translation>
    </message>
    <message>
        <source>重置</source>
        <translation>Reset</translation>
    </message>
</context>
<context>
    <name>ResidentCommands</name>
    <message>
        <source>无法撤销/重做</source>
        <translation>Cannot undo or redo</translation>
    </message>
    <message>
        <source>修改 {name}</source>
        <translation>Edit {name}</translation>
    </message>
    <message>
        <source>新增 {name}</source>
        <translation>Add {name}</translation>
    </message>
    <message>
        <source>{name}：{status}</source>
        <translation>{name}: {status}</translation>
    </message>
    <message>
        <source>撤销状态变更</source>
        <translation>Undo status change</translation>
    </message>
    <message>
        <source>迁户 {name}</source>
        <translation>Move {name} to another household</translation>
    </message>
    <message>
        <source>设 {name} 为户主</source>
        <translation>Make {name} head</translation>
    </message>
</context>
<context>
    <name>ResidentTableModel</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>公民身份号码</source>
        <translation>Citizen ID number</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>人员类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>与户主关系</source>
        <translation>Relation</translation>
    </message>
    <message>
        <source>现住址</source>
        <translation>Current address</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>ResidentsExport</name>
    <message>
        <source>导出居民</source>
        <translation>Export Residents</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</source>
        <translation>Excel workbooks (*.xlsx);;CSV files (*.csv)</translation>
    </message>
    <message>
        <source>已导出 {n} 人到
{path}</source>
        <translation>Exported {n} people to
{path}</translation>
    </message>
    <message>
        <source>身份证号、电话等号码已按权限遮挡显示。</source>
        <translation>ID, phone and other numbers are partly hidden, as your role requires.</translation>
    </message>
    <message>
        <source>正在导出到 {name}…</source>
        <translation>Exporting to {name}…</translation>
    </message>
</context>
<context>
    <name>ResidentsTab</name>
    <message>
        <source>姓名、拼音或首字母、身份证号（或后几位）、电话、地址</source>
        <translation>Name, pinyin or initials, ID number (or its last digits), phone, address</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>全部关爱类别</source>
        <translation>All care categories</translation>
    </message>
    <message>
        <source>查找：</source>
        <translation>Find:</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>编辑/查看</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>查看</source>
        <translation>View</translation>
    </message>
    <message>
        <source>户信息</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>状态变更</source>
        <translation>Change Status</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>查看居民</source>
        <translation>View Resident</translation>
    </message>
    <message>
        <source>新增居民</source>
        <translation>New Resident</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>编辑/查看居民</source>
        <translation>Open Resident</translation>
    </message>
    <message>
        <source>状态变更（迁出/死亡/注销）…</source>
        <translation>Change Status (Moved Out / Deceased / Deregistered)…</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>显示完整号码</source>
        <translation>Show Full Number</translation>
    </message>
    <message>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>打印登记表…</source>
        <translation>Print Registration Form…</translation>
    </message>
    <message>
        <source>打印户信息表…</source>
        <translation>Print Household Form…</translation>
    </message>
    <message>
        <source>共 {n} 人</source>
        <translation>{n} people</translation>
    </message>
    <message>
        <source>打印登记表</source>
        <translation>Print Registration Form</translation>
    </message>
    <message>
        <source>请先在列表中选中一位居民。</source>
        <translation>Select a resident in the list first.</translation>
    </message>
    <message>
        <source>打印户信息表</source>
        <translation>Print Household Form</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>导入结果</source>
        <translation>Import Result</translation>
    </message>
    <message>
        <source>保存问题清单…</source>
        <translation>Save Problem Report…</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>导入居民</source>
        <translation>Import Residents</translation>
    </message>
    <message>
        <source>正在导入 {name}…</source>
        <translation>Importing {name}…</translation>
    </message>
    <message>
        <source>成功导入 {n} 条，未导入 {m} 条</source>
        <translation>Imported {n}, not imported {m}</translation>
    </message>
    <message>
        <source>；新建 {h} 户</source>
        <translation>; {h} new households</translation>
    </message>
    <message>
        <source>提示：</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <source>已取消导入，没有保存任何数据。</source>
        <translation>The import was cancelled; nothing was saved.</translation>
    </message>
    <message>
        <source>导入没有完成，没有保存任何数据。</source>
        <translation>The import did not finish; nothing was saved.</translation>
    </message>
    <message>
        <source>保存问题清单</source>
        <translation>Save Problem Report</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>已保存到 {p}</source>
        <translation>Saved to {p}</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>修改角色</source>
        <translation>Change Role</translation>
    </message>
    <message>
        <source>用户：</source>
        <translation>User:</translation>
    </message>
    <message>
        <source>新角色(&amp;R)：</source>
        <translation>New &amp;role:</translation>
    </message>
</context>
<context>
    <name>SplitDialog</name>
    <message>
        <source>分户</source>
        <translation>Split Household</translation>
    </message>
    <message>
        <source>分出的成员：</source>
        <translation>Members who leave:</translation>
    </message>
    <message>
        <source>新户号：</source>
        <translation>New household number:</translation>
    </message>
    <message>
        <source>新户主：</source>
        <translation>New head:</translation>
    </message>
    <message>
        <source>请勾选要分出的成员</source>
        <translation>Tick the members who leave</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>状态变更 - {name}</source>
        <translation>Change Status - {name}</translation>
    </message>
    <message>
        <source>恢复在册</source>
        <translation>Back on the register</translation>
    </message>
    <message>
        <source>如：迁往外省、病故、重复登记</source>
        <translation>e.g. moved to another province, died of illness, registered twice</translation>
    </message>
    <message>
        <source>当前状态：</source>
        <translation>Current status:</translation>
    </message>
    <message>
        <source>变更为：</source>
        <translation>Change to:</translation>
    </message>
    <message>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>原状态</source>
        <translation>Old status</translation>
    </message>
    <message>
        <source>新状态</source>
        <translation>New status</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>变更记录：</source>
        <translation>History:</translation>
    </message>
</context>
<context>
    <name>_ServiceDialog</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>account_menu</name>
    <message>
        <source>账户(&amp;U)</source>
        <translation>Acco&amp;unt</translation>
    </message>
    <message>
        <source>修改密码(&amp;P)…</source>
        <translation>Change &amp;Password…</translation>
    </message>
    <message>
        <source>锁定(&amp;L)</source>
        <translation>&amp;Lock</translation>
    </message>
    <message>
        <source>用户管理(&amp;M)…</source>
        <translation>&amp;Manage Users…</translation>
    </message>
    <message>
        <source>用户：%1（%2）</source>
        <translation>User: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>选择数据库文件</source>
        <translation>Choose a database file</translation>
    </message>
    <message>
        <source>govdesk 数据库 (*.db *.sqlite *.sqlite3);;所有文件 (*)</source>
        <translation>govdesk databases (*.db *.sqlite *.sqlite3);;All files (*)</translation>
    </message>
    <message>
        <source>数据库文件或它所在的文件夹不能写入。</source>
        <translation>The database file or its folder cannot be written to.</translation>
    </message>
    <message>
        <source>正在修改它的是：%1。</source>
        <translation>It is being changed by %1.</translation>
    </message>
    <message>
        <source>数据库文件检查发现损坏：%1</source>
        <translation>The check of the database file found damage: %1</translation>
    </message>
</context>
<context>
    <name>backup</name>
    <message>
        <source>备份口令</source>
        <translation>Backup Passphrase</translation>
    </message>
    <message>
        <source>恢复“%1”需要备份口令：</source>
        <translation>Restoring “%1” needs the backup passphrase:</translation>
    </message>
</context>
<context>
    <name>household_tools</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>import_pages</name>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>login</name>
    <message>
        <source>还可以再试 %1 次，连续输错 %2 次后账户将锁定 %3 分钟。</source>
        <translation>%1 more tries. After %2 wrong attempts in a row the account is locked for %3 minutes.</translation>
    </message>
    <message>
        <source>请 %1 秒后再试。</source>
        <translation>Try again in %1 seconds.</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>已取消，没有保存任何更改。</source>
        <translation>Cancelled; no changes were saved.</translation>
    </message>
    <message>
        <source>无法读写文件。</source>
        <translation>The file cannot be read or written.</translation>
    </message>
    <message>
        <source>操作没有完成，已保存的数据没有改变。</source>
        <translation>The operation did not finish; saved data is unchanged.</translation>
    </message>
</context>
<context>
    <name>single_writer</name>
    <message>
        <source>另一个govdesk</source>
        <translation>another govdesk</translation>
    </message>
    <message>
        <source>%1（系统用户 %2）</source>
        <translation>%1 (system user %2)</translation>
    </message>
    <message>
        <source>%1，在电脑“%2”上</source>
        <translation>%1, on computer “%2”</translation>
    </message>
    <message>
        <source>，自 %1 起</source>
        <translation>, since %1</translation>
    </message>
    <message>
        <source>另一个govdesk正在使用这个数据库。同一时间只能有一处修改它；要修改，请等对方关闭后再打开。</source>
        <translation>Another govdesk is using this database. Only one place may change it at a time; to make changes, wait until it is closed, then open the file again.</translation>
    </message>
    <message>
        <source>这个数据库正在被使用：%1。同一时间只能有一处修改它；要修改，请等对方关闭govdesk后再打开。</source>
        <translation>This database is in use: %1. Only one place may change it at a time; to make changes, wait until they close govdesk, then open the file again.</translation>
    </message>
    <message>
        <source>（只读）</source>
        <translation> (read-only)</translation>
    </message>
    <message>
        <source>只读：不能修改</source>
        <translation>Read-only: no changes</translation>
    </message>
    <message>
        <source>数据库以只读方式打开。</source>
        <translation>The database was opened read-only.</translation>
    </message>
</context>
</TS>
