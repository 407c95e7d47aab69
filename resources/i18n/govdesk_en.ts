<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AcceptDialog</name>
    <message>
        <source>受理案件</source>
        <translation>Accept Case</translation>
    </message>
    <message>
        <source>受理日期：</source>
        <translation>Acceptance date:</translation>
    </message>
    <message>
        <source>调解员：</source>
        <translation>Mediators:</translation>
    </message>
    <message>
        <source>多人用“、”分开</source>
        <translation>Separate several names with “、”</translation>
    </message>
    <message>
        <source>已受理</source>
        <translation>Case Accepted</translation>
    </message>
    <message>
        <source>案件已受理，案号：%1</source>
        <translation>The case has been accepted. Case number: %1</translation>
    </message>
</context>
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
    <name>ActivitiesPage</name>
    <message>
        <source>按周</source>
        <translation>By week</translation>
    </message>
    <message>
        <source>按月</source>
        <translation>By month</translation>
    </message>
    <message>
        <source>上一期</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>下一期</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>新建活动</source>
        <translation>New Activity</translation>
    </message>
    <message>
        <source>报名</source>
        <translation>Sign Up</translation>
    </message>
    <message>
        <source>取消报名</source>
        <translation>Cancel Sign-up</translation>
    </message>
    <message>
        <source>签到</source>
        <translation>Check In</translation>
    </message>
    <message>
        <source>签退</source>
        <translation>Check Out</translation>
    </message>
    <message>
        <source>录入时长</source>
        <translation>Record Hours</translation>
    </message>
    <message>
        <source>确认时长</source>
        <translation>Confirm Hours</translation>
    </message>
    <message>
        <source>修改活动</source>
        <translation>Edit Activity</translation>
    </message>
    <message>
        <source>结束活动</source>
        <translation>Finish Activity</translation>
    </message>
    <message>
        <source>取消活动</source>
        <translation>Cancel Activity</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>活动</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>时长</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <source>报名名单</source>
        <translation>Sign-ups</translation>
    </message>
    <message>
        <source>报名名单：%1</source>
        <translation>Sign-ups: %1</translation>
    </message>
    <message>
        <source>（待确认）</source>
        <translation> (pending)</translation>
    </message>
    <message>
        <source>时间冲突</source>
        <translation>Time clash</translation>
    </message>
    <message>
        <source>缺少技能</source>
        <translation>Missing skill</translation>
    </message>
    <message>
        <source>超出人数</source>
        <translation>Over capacity</translation>
    </message>
    <message>
        <source>取消所选志愿者的报名吗？</source>
        <translation>Cancel the sign-ups of the selected volunteers?</translation>
    </message>
    <message>
        <source>这个活动没有待确认的时长。</source>
        <translation>This activity has no pending hours.</translation>
    </message>
    <message>
        <source>确认%1条时长记录（共 %2）？确认后不能修改，只能另行调整。</source>
        <translation>Confirm %1 hour entries (%2 in all)? Once confirmed they cannot be changed, only adjusted by a further entry.</translation>
    </message>
    <message>
        <source>活动“%1”已经结束？结束后不能再报名。</source>
        <translation>Mark “%1” as finished? After that, no one can sign up for it.</translation>
    </message>
    <message>
        <source>取消活动“%1”吗？</source>
        <translation>Cancel the activity “%1”?</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <source>修改活动</source>
        <translation>Edit Activity</translation>
    </message>
    <message>
        <source>新建活动</source>
        <translation>New Activity</translation>
    </message>
    <message>
        <source>活动名称：</source>
        <translation>Activity name:</translation>
    </message>
    <message>
        <source>所属项目：</source>
        <translation>Project:</translation>
    </message>
    <message>
        <source>（不限队伍）</source>
        <translation>(any team)</translation>
    </message>
    <message>
        <source>志愿服务队：</source>
        <translation>Volunteer team:</translation>
    </message>
    <message>
        <source>活动日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>开始时间：</source>
        <translation>Start time:</translation>
    </message>
    <message>
        <source>结束时间：</source>
        <translation>End time:</translation>
    </message>
    <message>
        <source>地点：</source>
        <translation>Place:</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>No limit</translation>
    </message>
    <message>
        <source>所需人数：</source>
        <translation>People needed:</translation>
    </message>
    <message>
        <source>所需技能：</source>
        <translation>Skills needed:</translation>
    </message>
    <message>
        <source>组织者：</source>
        <translation>Organiser:</translation>
    </message>
    <message>
        <source>备注：</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <source>活动名称</source>
        <translation>Activity name</translation>
    </message>
</context>
<context>
    <name>AddAttachmentDialog</name>
    <message>
        <source>PDF 或图片 (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.gif *.webp)</source>
        <translation>PDF or images (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.gif *.webp)</translation>
    </message>
    <message>
        <source>添加附件</source>
        <translation>Add Attachment</translation>
    </message>
    <message>
        <source>扫描件（PDF）或照片</source>
        <translation>Scan (PDF) or photo</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose File…</translation>
    </message>
    <message>
        <source>文件：</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>材料类别：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <source>标题：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <source>可不填，默认为材料类别</source>
        <translation>Optional; the category if left empty</translation>
    </message>
    <message>
        <source>添加日期：</source>
        <translation>Date added:</translation>
    </message>
    <message>
        <source>选择附件</source>
        <translation>Choose an Attachment</translation>
    </message>
    <message>
        <source>请选择要添加的文件。</source>
        <translation>Choose the file to add.</translation>
    </message>
    <message>
        <source>找不到文件“%1”。</source>
        <translation>Cannot find the file “%1”.</translation>
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
    <name>AddStaffDialog</name>
    <message>
        <source>添加网格人员</source>
        <translation>Add Grid Staff</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>登记在册的居民</source>
        <translation>Registered resident</translation>
    </message>
    <message>
        <source>外来人员（不在本社区登记）</source>
        <translation>Non-resident (not registered in this community)</translation>
    </message>
    <message>
        <source>人员来源</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>查找居民</source>
        <translation>Find resident</translation>
    </message>
    <message>
        <source>姓名、拼音首字母或身份证号</source>
        <translation>Name, pinyin initials or ID number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>选居民时留空则用登记的电话</source>
        <translation>Leave blank to use the resident&apos;s registered phone</translation>
    </message>
    <message>
        <source>任职起始</source>
        <translation>In post since</translation>
    </message>
    <message>
        <source>没有找到匹配的居民，可改选“外来人员”直接填写。</source>
        <translation>No matching resident. You can choose “Non-resident” and enter the person directly.</translation>
    </message>
    <message>
        <source>请先查找并选中一位居民。</source>
        <translation>Find and select a resident first.</translation>
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
    <name>AdjustDialog</name>
    <message>
        <source>调整时长</source>
        <translation>Adjust Hours</translation>
    </message>
    <message>
        <source>志愿者：</source>
        <translation>Volunteer:</translation>
    </message>
    <message>
        <source>更正：</source>
        <translation>Corrects:</translation>
    </message>
    <message>
        <source>增减时长：</source>
        <translation>Hours to add:</translation>
    </message>
    <message>
        <source>如 1.5 或 -0.5（减少）</source>
        <translation>e.g. 1.5, or -0.5 to take off</translation>
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
        <source>增减时长</source>
        <translation>Hours to add</translation>
    </message>
    <message>
        <source>无法识别的时长：%1</source>
        <translation>Cannot read the hours: %1</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>AppointDialog</name>
    <message>
        <source>任命岗位</source>
        <translation>Appoint to Post</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>任职起始</source>
        <translation>In post since</translation>
    </message>
    <message>
        <source>还没有网格人员，请先用“添加人员”登记。</source>
        <translation>There are no grid staff yet. Register them first with “Add Staff”.</translation>
    </message>
</context>
<context>
    <name>ArchiveDialog</name>
    <message>
        <source>长期</source>
        <translation>Long-term</translation>
    </message>
    <message>
        <source>永久</source>
        <translation>Permanent</translation>
    </message>
    <message>
        <source>短期</source>
        <translation>Short-term</translation>
    </message>
    <message>
        <source>归档</source>
        <translation>Archive Case</translation>
    </message>
    <message>
        <source>卷号：</source>
        <translation>Volume number:</translation>
    </message>
    <message>
        <source>立卷人：</source>
        <translation>Filed by:</translation>
    </message>
    <message>
        <source>立卷日期：</source>
        <translation>Filing date:</translation>
    </message>
    <message>
        <source>保管期限：</source>
        <translation>Retention period:</translation>
    </message>
    <message>
        <source>检查人：</source>
        <translation>Checked by:</translation>
    </message>
    <message>
        <source>卷宗情况说明：</source>
        <translation>Note on the case file:</translation>
    </message>
    <message>
        <source>需要说明的情况（可不填）</source>
        <translation>Anything that needs explaining (optional)</translation>
    </message>
    <message>
        <source>立卷人</source>
        <translation>Filed by</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>划入网格</source>
        <translation>Assign to Grid</translation>
    </message>
    <message>
        <source> 等 %1 处</source>
        <translation> and others (%1 in all)</translation>
    </message>
    <message>
        <source>楼栋/房屋</source>
        <translation>Buildings/houses</translation>
    </message>
    <message>
        <source>起始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>户和居民随楼栋划转；起始日期之前的月份仍按原网格统计。</source>
        <translation>Households and residents move with their buildings; months before the start date are still counted under the old grid.</translation>
    </message>
    <message>
        <source>请选择要划入的楼栋或房屋</source>
        <translation>Choose the buildings or houses to assign</translation>
    </message>
    <message>
        <source>请选择网格</source>
        <translation>Choose a grid</translation>
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
    <name>CancelOrderDialog</name>
    <message>
        <source>取消点单</source>
        <translation>Cancel Order</translation>
    </message>
    <message>
        <source>点单：</source>
        <translation>Order:</translation>
    </message>
    <message>
        <source>取消原因：</source>
        <translation>Reason for cancelling:</translation>
    </message>
    <message>
        <source>取消原因</source>
        <translation>Reason for cancelling</translation>
    </message>
</context>
<context>
    <name>CaseDetail</name>
    <message>
        <source>登记</source>
        <translation>Registration</translation>
    </message>
    <message>
        <source>纠纷类型</source>
        <translation>Dispute type</translation>
    </message>
    <message>
        <source>案件来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>风险等级</source>
        <translation>Risk level</translation>
    </message>
    <message>
        <source>登记日期</source>
        <translation>Registration date</translation>
    </message>
    <message>
        <source>登记人</source>
        <translation>Registered by</translation>
    </message>
    <message>
        <source>申请日期</source>
        <translation>Application date</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Acceptance date</translation>
    </message>
    <message>
        <source>调解员</source>
        <translation>Mediators</translation>
    </message>
    <message>
        <source>纠纷简要情况</source>
        <translation>Summary of the dispute</translation>
    </message>
    <message>
        <source>申请事项</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>不予受理理由</source>
        <translation>Reason for declining</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>身份</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>调查与调解</source>
        <translation>Investigation and mediation</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>参加人</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>当事人陈述</source>
        <translation>Statements of the parties</translation>
    </message>
    <message>
        <source>查明事实</source>
        <translation>Facts found</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>调解结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>协议形式</source>
        <translation>Agreement type</translation>
    </message>
    <message>
        <source>协议日期</source>
        <translation>Agreement date</translation>
    </message>
    <message>
        <source>纠纷事实及责任</source>
        <translation>Facts and liability</translation>
    </message>
    <message>
        <source>协议内容</source>
        <translation>Terms of agreement</translation>
    </message>
    <message>
        <source>履行方式</source>
        <translation>Manner of performance</translation>
    </message>
    <message>
        <source>履行地点</source>
        <translation>Place of performance</translation>
    </message>
    <message>
        <source>履行期限</source>
        <translation>Time for performance</translation>
    </message>
    <message>
        <source>结案日期</source>
        <translation>Closing date</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>结案方式</source>
        <translation>Ended as</translation>
    </message>
    <message>
        <source>履行与司法确认</source>
        <translation>Performance and judicial confirmation</translation>
    </message>
    <message>
        <source>履行完毕日期</source>
        <translation>Date fully performed</translation>
    </message>
    <message>
        <source>履行情况</source>
        <translation>Performance</translation>
    </message>
    <message>
        <source>申请司法确认日期</source>
        <translation>Judicial confirmation applied for on</translation>
    </message>
    <message>
        <source>受理法院</source>
        <translation>Court</translation>
    </message>
    <message>
        <source>确认结果</source>
        <translation>Confirmation result</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Follow-up visits</translation>
    </message>
    <message>
        <source>回访日期</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <source>回访人</source>
        <translation>Visited by</translation>
    </message>
    <message>
        <source>回访事由</source>
        <translation>Purpose of the visit</translation>
    </message>
    <message>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>归档</source>
        <translation>Archiving</translation>
    </message>
    <message>
        <source>卷号</source>
        <translation>Volume number</translation>
    </message>
    <message>
        <source>立卷人</source>
        <translation>Filed by</translation>
    </message>
    <message>
        <source>立卷日期</source>
        <translation>Filing date</translation>
    </message>
    <message>
        <source>保管期限</source>
        <translation>Retention period</translation>
    </message>
    <message>
        <source>检查人</source>
        <translation>Checked by</translation>
    </message>
    <message>
        <source>卷宗情况说明</source>
        <translation>Note on the case file</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <source>（未受理，尚无案号）</source>
        <translation>(not accepted, no case number yet)</translation>
    </message>
    <message>
        <source>（无权查看）</source>
        <translation>(you may not view this)</translation>
    </message>
    <message>
        <source>没有正在计算的期限</source>
        <translation>No deadline is running</translation>
    </message>
    <message>
        <source>%1岁</source>
        <translation>aged %1</translation>
    </message>
</context>
<context>
    <name>CaseFilterBar</name>
    <message>
        <source>案号、当事人姓名或纠纷情况</source>
        <translation>Case number, party name or dispute details</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>未办结</source>
        <translation>Not closed</translation>
    </message>
    <message>
        <source>临近期限</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>只显示已逾期和%1天内到期的案件</source>
        <translation>Show only cases that are overdue or due within %1 days</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>%1天内到期</source>
        <translation>Due within %1 days</translation>
    </message>
    <message>
        <source>查找：</source>
        <translation>Find:</translation>
    </message>
    <message>
        <source>共 %1 件</source>
        <translation>Cases: %1</translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <source>已扫描</source>
        <translation>Scanned</translation>
    </message>
    <message>
        <source>可打印</source>
        <translation>Printable</translation>
    </message>
    <message>
        <source>缺</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>不需要</source>
        <translation>Not needed</translation>
    </message>
    <message>
        <source>请在左侧列表中选择一件案件</source>
        <translation>Select a case in the list on the left</translation>
    </message>
    <message>
        <source>案件详情</source>
        <translation>Case details</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>卷宗材料</source>
        <translation>Case file</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>要求</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>添加日期</source>
        <translation>Date added</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>另存为…</source>
        <translation>Save As…</translation>
    </message>
    <message>
        <source>删除附件</source>
        <translation>Delete Attachment</translation>
    </message>
    <message>
        <source>卷宗材料（按《人民调解文书格式》顺序）</source>
        <translation>Case file documents (in the order of the official people&apos;s mediation document formats)</translation>
    </message>
    <message>
        <source>附件（扫描件、照片、证据）</source>
        <translation>Attachments (scans, photos, evidence)</translation>
    </message>
    <message>
        <source>可由记录打印，尚未附上签名后的扫描件</source>
        <translation>Can be printed from the records; no signed scan attached yet</translation>
    </message>
</context>
<context>
    <name>CaseStepDialog</name>
    <message>
        <source>（尚未编号）</source>
        <translation>(no number yet)</translation>
    </message>
    <message>
        <source>案件：</source>
        <translation>Case:</translation>
    </message>
    <message>
        <source>期限：</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <source>调解期限</source>
        <translation>Mediation deadline</translation>
    </message>
    <message>
        <source>司法确认申请期限</source>
        <translation>Deadline to apply for judicial confirmation</translation>
    </message>
    <message>
        <source>已逾期 %1 天</source>
        <translation>%1 days overdue</translation>
    </message>
    <message>
        <source>还剩 %1 天</source>
        <translation>%1 days left</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>案号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>纠纷类型</source>
        <translation>Dispute type</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>登记日期</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>风险等级</source>
        <translation>Risk</translation>
    </message>
    <message>
        <source>司法确认申请期限</source>
        <translation>Deadline to apply for judicial confirmation</translation>
    </message>
    <message>
        <source>调解期限</source>
        <translation>Mediation deadline</translation>
    </message>
    <message>
        <source>逾期%1天</source>
        <translation>(%1 days overdue)</translation>
    </message>
    <message>
        <source>今天到期</source>
        <translation>(due today)</translation>
    </message>
    <message>
        <source>剩%1天</source>
        <translation>(%1 days left)</translation>
    </message>
    <message>
        <source>确认 %1</source>
        <translation>Confirmation %1</translation>
    </message>
    <message>
        <source>（未受理）</source>
        <translation>(not accepted)</translation>
    </message>
</context>
<context>
    <name>CategoryDialog</name>
    <message>
        <source>修改关爱类别</source>
        <translation>Edit Care Category</translation>
    </message>
    <message>
        <source>新增关爱类别</source>
        <translation>New Care Category</translation>
    </message>
    <message>
        <source>代码(&amp;C)：</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>小写英文字母、数字或下划线，如 flood_victim</source>
        <translation>Lower-case letters, digits or underscores, e.g. flood_victim</translation>
    </message>
    <message>
        <source>代码：</source>
        <translation>Code:</translation>
    </message>
    <message>
        <source>名称(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>英文名称(&amp;E)：</source>
        <translation>&amp;English name:</translation>
    </message>
    <message>
        <source>敏感类别（仅有“查看特殊关爱类别”权限的人可见）(&amp;S)</source>
        <translation>&amp;Sensitive (seen only by those who may view special care categories)</translation>
    </message>
    <message>
        <source>启用(&amp;A)</source>
        <translation>&amp;Active</translation>
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
    <name>ClockDialog</name>
    <message>
        <source>签到</source>
        <translation>Check In</translation>
    </message>
    <message>
        <source>签退</source>
        <translation>Check Out</translation>
    </message>
    <message>
        <source>志愿者：</source>
        <translation>Volunteer:</translation>
    </message>
    <message>
        <source>签到时间：</source>
        <translation>Checked in at:</translation>
    </message>
    <message>
        <source>签退时间：</source>
        <translation>Checked out at:</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>办结</source>
        <translation>Close Event</translation>
    </message>
    <message>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>办理期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>办结日期</source>
        <translation>Closed on</translation>
    </message>
</context>
<context>
    <name>ConfirmationDialog</name>
    <message>
        <source>司法确认</source>
        <translation>Judicial Confirmation</translation>
    </message>
    <message>
        <source>申请期限：</source>
        <translation>Apply by:</translation>
    </message>
    <message>
        <source>申请日期：</source>
        <translation>Application date:</translation>
    </message>
    <message>
        <source>受理法院：</source>
        <translation>Court:</translation>
    </message>
    <message>
        <source>如：某某区人民法院</source>
        <translation>e.g. the People&apos;s Court of X District</translation>
    </message>
    <message>
        <source>确认结果：</source>
        <translation>Result:</translation>
    </message>
    <message>
        <source>如：裁定确认协议有效（可稍后填写）</source>
        <translation>e.g. ruling confirms the agreement is valid (can be filled in later)</translation>
    </message>
    <message>
        <source>口头协议不能申请司法确认，只有书面调解协议可以。</source>
        <translation>Judicial confirmation can be applied for only with a written mediation agreement, not an oral one.</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>处理冲突</source>
        <translation>Resolve Conflicts</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Versions</translation>
    </message>
    <message>
        <source>发现时间</source>
        <translation>Found at</translation>
    </message>
    <message>
        <source>导出冲突清单(&amp;E)…</source>
        <translation>&amp;Export Conflict List…</translation>
    </message>
    <message>
        <source>单位：</source>
        <translation>Office:</translation>
    </message>
    <message>
        <source>黄色的字段各版本不一致：点击要保留的值（或用方向键选中后按空格）。标“暂定”的版本在您决定之前显示在各处。</source>
        <translation>Fields in yellow differ between the versions: click the value to keep (or select it with the arrow keys and press Space). Until you decide, the version marked “provisional” is the one shown everywhere.</translation>
    </message>
    <message>
        <source>只显示不一致的字段</source>
        <translation>Show only the fields that differ</translation>
    </message>
    <message>
        <source>合并并保存(&amp;S)</source>
        <translation>Merge and &amp;Save</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>All offices</translation>
    </message>
    <message>
        <source>待处理冲突 %1 条</source>
        <translation>Conflicts to resolve: %1</translation>
    </message>
    <message>
        <source>没有待处理的冲突</source>
        <translation>No conflicts to resolve</translation>
    </message>
    <message>
        <source>%1：%2（%3）</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <source>版本 %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>（暂定）</source>
        <translation> (provisional)</translation>
    </message>
    <message>
        <source>已删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>导出冲突清单</source>
        <translation>Export Conflict List</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
</context>
<context>
    <name>CreateGridDialog</name>
    <message>
        <source>新建网格</source>
        <translation>New Grid</translation>
    </message>
    <message>
        <source>网格名称</source>
        <translation>Grid name</translation>
    </message>
    <message>
        <source>如 幸福里第一网格</source>
        <translation>e.g. Xingfuli Grid 1</translation>
    </message>
    <message>
        <source>上级</source>
        <translation>Parent grid</translation>
    </message>
    <message>
        <source>（社区，顶级网格）</source>
        <translation>(the community: a top-level grid)</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>留空则自动取下一个编号</source>
        <translation>Leave empty to use the next number</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>四至范围或包含的楼栋</source>
        <translation>Boundaries, or the buildings it covers</translation>
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
    <name>DeclineDialog</name>
    <message>
        <source>不予受理</source>
        <translation>Decline Case</translation>
    </message>
    <message>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>不予受理理由：</source>
        <translation>Reason for declining:</translation>
    </message>
    <message>
        <source>如：属于法院专属管辖的纠纷</source>
        <translation>e.g. the dispute falls under the exclusive jurisdiction of a court</translation>
    </message>
    <message>
        <source>不予受理理由</source>
        <translation>Reason for declining</translation>
    </message>
</context>
<context>
    <name>DetailsDialog</name>
    <message>
        <source>技能：</source>
        <translation>Skills:</translation>
    </message>
    <message>
        <source>可服务日：</source>
        <translation>Available days:</translation>
    </message>
    <message>
        <source>可服务时段：</source>
        <translation>Available times:</translation>
    </message>
    <message>
        <source>中共党员</source>
        <translation>CPC member</translation>
    </message>
    <message>
        <source>在职党员“双报到”</source>
        <translation>Working Party member (“dual registration”)</translation>
    </message>
    <message>
        <source>工作单位：</source>
        <translation>Workplace:</translation>
    </message>
    <message>
        <source>单位党组织：</source>
        <translation>Workplace Party branch:</translation>
    </message>
    <message>
        <source>报到日期：</source>
        <translation>Registered on:</translation>
    </message>
    <message>
        <source>备注：</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Workplace</translation>
    </message>
</context>
<context>
    <name>DispatchDialog</name>
    <message>
        <source>交办</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <source>承办部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>如：城管中队、物业公司</source>
        <translation>e.g. the city management squad, the property management company</translation>
    </message>
    <message>
        <source>交办日期</source>
        <translation>Dispatched on</translation>
    </message>
    <message>
        <source>办理期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>推荐志愿者并派单</source>
        <translation>Suggest a Volunteer and Dispatch</translation>
    </message>
    <message>
        <source>点单：</source>
        <translation>Order:</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>匹配度</source>
        <translation>Match</translation>
    </message>
    <message>
        <source>推荐理由</source>
        <translation>Reasons</translation>
    </message>
    <message>
        <source>派单</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <source>请选中一位志愿者。</source>
        <translation>Select a volunteer.</translation>
    </message>
</context>
<context>
    <name>DoneDialog</name>
    <message>
        <source>完成点单</source>
        <translation>Complete Order</translation>
    </message>
    <message>
        <source>点单：</source>
        <translation>Order:</translation>
    </message>
    <message>
        <source>服务时长：</source>
        <translation>Hours served:</translation>
    </message>
    <message>
        <source>如 1.5 或 90分钟</source>
        <translation>e.g. 1.5 or 1:30</translation>
    </message>
    <message>
        <source>群众评价：</source>
        <translation>Resident feedback:</translation>
    </message>
    <message>
        <source>服务时长</source>
        <translation>Hours served</translation>
    </message>
    <message>
        <source>无法识别的时长：%1</source>
        <translation>Cannot read the hours: %1</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <source>修改志愿者 %1</source>
        <translation>Edit Volunteer %1</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>%1（本社区居民，信息随居民登记）</source>
        <translation>%1 (resident: details come from the resident register)</translation>
    </message>
    <message>
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>住址：</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
</context>
<context>
    <name>EditHouseholdDialog</name>
    <message>
        <source>户号</source>
        <translation>Household number</translation>
    </message>
    <message>
        <source>户别</source>
        <translation>Household type</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>修改户信息 - {number}</source>
        <translation>Edit Household - {number}</translation>
    </message>
    <message>
        <source>如 幸福里小区3号楼2单元301室</source>
        <translation>e.g. 幸福里小区3号楼2单元301室</translation>
    </message>
    <message>
        <source>住在原地址的成员，现住址一并修改</source>
        <translation>Also change the current address of members living at the old address</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>所属楼栋/门牌：{place}</source>
        <translation>Building/house number: {place}</translation>
    </message>
    <message>
        <source>看不出楼栋或门牌号：保存后该户列入网格管理的“未划分”</source>
        <translation>No building or house number found: once saved, the household is listed as “Unassigned” in Grids</translation>
    </message>
    <message>
        <source>修改户信息 {number}</source>
        <translation>Edit household {number}</translation>
    </message>
</context>
<context>
    <name>EndPostDialog</name>
    <message>
        <source>结束任职</source>
        <translation>End Post</translation>
    </message>
    <message>
        <source>任职</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>从此日起不再任职</source>
        <translation>Post ends on</translation>
    </message>
    <message>
        <source>所选日期当天起不再任职，前一天是最后一天</source>
        <translation>From the chosen date the person no longer holds the post; the day before is their last day</translation>
    </message>
</context>
<context>
    <name>EndShiftDialog</name>
    <message>
        <source>停止班次</source>
        <translation>End Shift</translation>
    </message>
    <message>
        <source>班次：</source>
        <translation>Shift:</translation>
    </message>
    <message>
        <source>从此日起停止：</source>
        <translation>No more shifts from:</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <source>事件编号</source>
        <translation>Event number</translation>
    </message>
    <message>
        <source>事件描述</source>
        <translation>Description</translation>
    </message>
</context>
<context>
    <name>EventPhotoStrip</name>
    <message>
        <source>图片 (*.png *.jpg *.jpeg *.gif *.tif *.tiff *.webp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.gif *.tif *.tiff *.webp)</translation>
    </message>
    <message>
        <source>双击查看照片</source>
        <translation>Double-click to view a photo</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>添加照片…</source>
        <translation>Add Photo…</translation>
    </message>
    <message>
        <source>现场照片（PNG、JPEG 等图片），随事件保存</source>
        <translation>On-site photos (PNG, JPEG or other images), kept with the event</translation>
    </message>
    <message>
        <source>查看…</source>
        <translation>View…</translation>
    </message>
    <message>
        <source>删除照片…</source>
        <translation>Delete Photo…</translation>
    </message>
    <message>
        <source>删除误加的照片</source>
        <translation>Delete a photo added by mistake</translation>
    </message>
    <message>
        <source>事件照片</source>
        <translation>Event Photos</translation>
    </message>
    <message>
        <source>无法显示</source>
        <translation>Cannot display</translation>
    </message>
    <message>
        <source>照片 %1 张</source>
        <translation>Photos: %1</translation>
    </message>
    <message>
        <source>添加照片</source>
        <translation>Add Photo</translation>
    </message>
    <message>
        <source>删除照片</source>
        <translation>Delete Photo</translation>
    </message>
    <message>
        <source>确定删除照片“%1”吗？删除后不能恢复。</source>
        <translation>Delete the photo “%1”? It cannot be recovered afterwards.</translation>
    </message>
</context>
<context>
    <name>EventsPanel</name>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>只看超期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>导出台账…</source>
        <translation>Export Ledgers…</translation>
    </message>
    <message>
        <source>问题清单、交办清单、考核清单，一个 Excel 文件三张表</source>
        <translation>Problem list, dispatch list and assessment list: one Excel file with three sheets</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>上报事件…</source>
        <translation>Report Event…</translation>
    </message>
    <message>
        <source>交办…</source>
        <translation>Dispatch…</translation>
    </message>
    <message>
        <source>办理反馈…</source>
        <translation>Handling Feedback…</translation>
    </message>
    <message>
        <source>办结…</source>
        <translation>Close Event…</translation>
    </message>
    <message>
        <source>退回…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <source>重新上报…</source>
        <translation>Report Again…</translation>
    </message>
    <message>
        <source>转为调解案件…</source>
        <translation>Turn into Mediation Case…</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>事件描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>承办部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>办理期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>调解案件</source>
        <translation>Mediation case</translation>
    </message>
    <message>
        <source>网格事件</source>
        <translation>Grid Events</translation>
    </message>
    <message>
        <source>事件：%1 件</source>
        <translation>Events: %1</translation>
    </message>
    <message>
        <source>，其中超期 %1 件（标红）</source>
        <translation>, of which %1 overdue (in red)</translation>
    </message>
    <message>
        <source>（未受理）</source>
        <translation>(not accepted)</translation>
    </message>
    <message>
        <source>地点：%1</source>
        <translation>Location: %1</translation>
    </message>
    <message>
        <source>上报人：%1</source>
        <translation>Reported by: %1</translation>
    </message>
    <message>
        <source>办理结果：%1</source>
        <translation>Result: %1</translation>
    </message>
    <message>
        <source>办结日期：%1</source>
        <translation>Closed on: %1</translation>
    </message>
    <message>
        <source>退回原因：%1</source>
        <translation>Reason for return: %1</translation>
    </message>
    <message>
        <source>已登记调解案件 %1，可在“人民调解”页继续办理。</source>
        <translation>Mediation case %1 has been registered. Carry on with it on the “Mediation” tab.</translation>
    </message>
    <message>
        <source>已登记为调解案件（未受理，尚无案号）；在“人民调解”页受理后，案号显示在事件列表中。</source>
        <translation>Registered as a mediation case (not accepted yet, so no case number). Once it is accepted on the “Mediation” tab, its case number appears in the event list.</translation>
    </message>
    <message>
        <source>转为调解案件</source>
        <translation>Turn into Mediation Case</translation>
    </message>
    <message>
        <source>台账已保存到 %1</source>
        <translation>Ledgers saved to %1</translation>
    </message>
    <message>
        <source>导出台账</source>
        <translation>Export Ledgers</translation>
    </message>
    <message>
        <source>正在导出台账…</source>
        <translation>Exporting the ledgers…</translation>
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
    <name>ExchangeKeys</name>
    <message>
        <source>乡镇（街道）</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>社区（村）</source>
        <translation>Community or village</translation>
    </message>
    <message>
        <source>govdesk 公钥 (*.gdkey *.json);;所有文件 (*)</source>
        <translation>govdesk public keys (*.gdkey *.json);;All files (*)</translation>
    </message>
</context>
<context>
    <name>ExchangeMenu</name>
    <message>
        <source>数据交换(&amp;X)</source>
        <translation>E&amp;xchange</translation>
    </message>
    <message>
        <source>下发数据包(&amp;E)…</source>
        <translation>S&amp;end Packages to Offices…</translation>
    </message>
    <message>
        <source>导出数据包(&amp;E)…</source>
        <translation>&amp;Export Package…</translation>
    </message>
    <message>
        <source>导入数据包(&amp;I)…</source>
        <translation>&amp;Import Package…</translation>
    </message>
    <message>
        <source>处理冲突(&amp;C)…</source>
        <translation>Resolve &amp;Conflicts…</translation>
    </message>
    <message>
        <source>监视共享文件夹(&amp;W)…</source>
        <translation>&amp;Watch Shared Folder…</translation>
    </message>
    <message>
        <source>密钥与指纹(&amp;K)…</source>
        <translation>&amp;Keys and Fingerprints…</translation>
    </message>
    <message>
        <source>数据库以只读方式打开，不能导入或导出数据包</source>
        <translation>The database is open read-only: packages cannot be imported or exported</translation>
    </message>
    <message>
        <source>导入数据包</source>
        <translation>Import Package</translation>
    </message>
    <message>
        <source>govdesk 数据包 (*.gdx);;所有文件 (*)</source>
        <translation>govdesk packages (*.gdx);;All files (*)</translation>
    </message>
    <message>
        <source>这个数据包来自尚未信任的%1（%2）。它附带了对方的公钥。请打电话给对方，核对下面的指纹；一致时再信任并导入。</source>
        <translation>This package comes from %1 (%2), whose key is not trusted yet. It carries their public key. Phone them and compare the fingerprint below; trust and import only if it matches.</translation>
    </message>
    <message>
        <source>信任并导入(&amp;T)</source>
        <translation>&amp;Trust and Import</translation>
    </message>
    <message>
        <source>已取消导入，数据没有改变。</source>
        <translation>Import cancelled; nothing was changed.</translation>
    </message>
    <message>
        <source>正在核验并导入数据包…</source>
        <translation>Verifying and importing the package…</translation>
    </message>
    <message>
        <source>信任对方公钥</source>
        <translation>Trust Public Key</translation>
    </message>
    <message>
        <source>处理冲突(&amp;C)（%1）…</source>
        <translation>Resolve &amp;Conflicts (%1)…</translation>
    </message>
    <message>
        <source>正在监视：%1</source>
        <translation>Watching: %1</translation>
    </message>
    <message>
        <source>自动导入 %1：%2</source>
        <translation>Imported %1 automatically: %2</translation>
    </message>
</context>
<context>
    <name>ExchangeReport</name>
    <message>
        <source>已拒绝数据包“%1”，数据没有任何改变。</source>
        <translation>The package “%1” was refused; nothing was changed.</translation>
    </message>
    <message>
        <source>数据包“%1”没有新内容（已导入过），数据没有改变。</source>
        <translation>The package “%1” holds nothing new (it was imported before); nothing was changed.</translation>
    </message>
    <message>
        <source>已导入数据包“%1”。</source>
        <translation>The package “%1” was imported.</translation>
    </message>
    <message>
        <source>其中 %1 条记录有冲突，请在“数据交换 → 处理冲突”中逐项确认。</source>
        <translation> %1 records are in conflict: settle them in Exchange → Resolve Conflicts.</translation>
    </message>
</context>
<context>
    <name>ExchangeWatch</name>
    <message>
        <source>没有新内容</source>
        <translation>Nothing new</translation>
    </message>
    <message>
        <source>新增 %1，更新 %2，未变 %3，冲突 %4</source>
        <translation>%1 new, %2 updated, %3 unchanged, %4 conflicts</translation>
    </message>
</context>
<context>
    <name>ExportColumnsDialog</name>
    <message>
        <source>导出列设置</source>
        <translation>Export Columns</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move Up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move Down</translation>
    </message>
    <message>
        <source>恢复默认</source>
        <translation>Restore Defaults</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>导出数据包</source>
        <translation>Export Package</translation>
    </message>
    <message>
        <source>下发数据包</source>
        <translation>Send Package to an Office</translation>
    </message>
    <message>
        <source>其他文件夹(&amp;O)…</source>
        <translation>&amp;Other Folder…</translation>
    </message>
    <message>
        <source>完整导出（包括乡镇已收到的数据）</source>
        <translation>Full export (including data the township has already received)</translation>
    </message>
    <message>
        <source>导出(&amp;E)</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>发给：</source>
        <translation>Send to:</translation>
    </message>
    <message>
        <source>保存到（优先列出U盘等可移动磁盘）：</source>
        <translation>Save to (removable drives such as USB sticks are listed first):</translation>
    </message>
    <message>
        <source>还没有信任任何社区（村）的公钥：请先在“数据交换 → 密钥与指纹”中导入对方的公钥并电话核对指纹。</source>
        <translation>No office&apos;s public key is trusted yet: first import the office&apos;s public key under “Exchange → Keys and Fingerprints” and check its fingerprint by phone.</translation>
    </message>
    <message>
        <source>将乡镇的类别、设置、已收到数据的确认和合并后的记录加密打包，只有%1（%2）能打开。
对方指纹：%3</source>
        <translation>The township&apos;s categories, settings, acknowledgements of the data received and merged records are packed and encrypted so that only %1 (%2) can open them.
Their fingerprint: %3</translation>
    </message>
    <message>
        <source>本单位的数据将加密打包，只有%1（%2）能打开。
对方指纹：%3
拷贝数据包时，U盘丢失也不会泄露居民信息。</source>
        <translation>Your office&apos;s data is packed and encrypted so that only %1 (%2) can open it.
Their fingerprint: %3
If a USB stick carrying the package is lost, no resident&apos;s information is exposed.</translation>
    </message>
    <message>
        <source>可移动磁盘 %1（%2）</source>
        <translation>Removable drive %1 (%2)</translation>
    </message>
    <message>
        <source>上次使用的文件夹：%1</source>
        <translation>Last folder used: %1</translation>
    </message>
    <message>
        <source>选择保存数据包的文件夹</source>
        <translation>Choose a Folder for the Package</translation>
    </message>
    <message>
        <source>文件夹：%1</source>
        <translation>Folder: %1</translation>
    </message>
    <message>
        <source>正在打包并加密本单位的数据…</source>
        <translation>Packing and encrypting your office&apos;s data…</translation>
    </message>
    <message>
        <source>已导出：%1
位置：%2
共 %3 条记录。</source>
        <translation>Exported: %1
Location: %2
%3 records in all.</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>FailDialog</name>
    <message>
        <source>可以依法通过仲裁、行政、司法等途径维护自己的权利</source>
        <translation>they may protect their rights by arbitration, administrative, judicial or other lawful means</translation>
    </message>
    <message>
        <source>可以依法向人民法院提起诉讼</source>
        <translation>they may bring a lawsuit in a people&apos;s court as the law provides</translation>
    </message>
    <message>
        <source>可以依法申请仲裁</source>
        <translation>they may apply for arbitration as the law provides</translation>
    </message>
    <message>
        <source>可以依法申请劳动争议仲裁</source>
        <translation>they may apply for labour dispute arbitration as the law provides</translation>
    </message>
    <message>
        <source>可以请求有关行政机关依法处理</source>
        <translation>they may ask the relevant administrative authority to deal with it as the law provides</translation>
    </message>
    <message>
        <source>调解不成</source>
        <translation>Mediation Failed</translation>
    </message>
    <message>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>调解不成的原因：</source>
        <translation>Reason for failure:</translation>
    </message>
    <message>
        <source>如：双方对赔偿数额分歧过大</source>
        <translation>e.g. the parties were too far apart on the amount of compensation</translation>
    </message>
    <message>
        <source>已告知当事人：</source>
        <translation>Parties were told:</translation>
    </message>
    <message>
        <source>%1。已告知当事人%2。</source>
        <translation>%1. The parties were told %2.</translation>
    </message>
    <message>
        <source>调解不成的原因</source>
        <translation>Reason for failure</translation>
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
    <name>FollowUpDialog</name>
    <message>
        <source>回访记录</source>
        <translation>Follow-up Visit</translation>
    </message>
    <message>
        <source>回访日期：</source>
        <translation>Visit date:</translation>
    </message>
    <message>
        <source>回访人：</source>
        <translation>Visited by:</translation>
    </message>
    <message>
        <source>回访事由：</source>
        <translation>Purpose:</translation>
    </message>
    <message>
        <source>了解调解协议履行情况</source>
        <translation>Check how the mediation agreement is being performed</translation>
    </message>
    <message>
        <source>履行情况：</source>
        <translation>Performance:</translation>
    </message>
    <message>
        <source>当事人满意度：</source>
        <translation>Parties&apos; satisfaction:</translation>
    </message>
    <message>
        <source>回访人</source>
        <translation>Visited by</translation>
    </message>
    <message>
        <source>完成跟进</source>
        <translation>Complete Follow-up</translation>
    </message>
    <message>
        <source>走访</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>走访情况</source>
        <translation>Visit notes</translation>
    </message>
    <message>
        <source>跟进日期</source>
        <translation>Follow-up date</translation>
    </message>
    <message>
        <source>跟进情况</source>
        <translation>Follow-up notes</translation>
    </message>
</context>
<context>
    <name>GridCommands</name>
    <message>
        <source>划入网格 %1（%2处）</source>
        <translation>Assign %2 place(s) to %1</translation>
    </message>
</context>
<context>
    <name>GridPlacesModel</name>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Residents</translation>
    </message>
    <message>
        <source>小区</source>
        <translation>Compound</translation>
    </message>
    <message>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <source>村民小组</source>
        <translation>Village group</translation>
    </message>
    <message>
        <source>门牌号</source>
        <translation>House</translation>
    </message>
</context>
<context>
    <name>GridTreeModel</name>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Residents</translation>
    </message>
    <message>
        <source>重点关爱</source>
        <translation>Special care</translation>
    </message>
    <message>
        <source>网格员</source>
        <translation>Grid workers</translation>
    </message>
    <message>
        <source>还没有划入任何网格的楼栋、房屋和住在那里的户</source>
        <translation>Buildings and houses not yet in any grid, and the households living there</translation>
    </message>
    <message>
        <source>（已撤销）</source>
        <translation> (retired)</translation>
    </message>
</context>
<context>
    <name>GridsPrinting</name>
    <message>
        <source>网格员公示表（全部网格）</source>
        <translation>Grid Staff Roster (All Grids)</translation>
    </message>
    <message>
        <source>网格员公示表（所选网格）</source>
        <translation>Grid Staff Roster (Selected Grid)</translation>
    </message>
    <message>
        <source>联系卡（全部网格）</source>
        <translation>Contact Cards (All Grids)</translation>
    </message>
    <message>
        <source>联系卡（所选网格）</source>
        <translation>Contact Cards (Selected Grid)</translation>
    </message>
    <message>
        <source>走访任务单（所选人员）</source>
        <translation>Visit Worksheet (Selected Person)</translation>
    </message>
    <message>
        <source>网格员公示表</source>
        <translation>Grid Staff Roster</translation>
    </message>
    <message>
        <source>网格员联系卡</source>
        <translation>Grid Worker Contact Cards</translation>
    </message>
    <message>
        <source>正在生成%1…</source>
        <translation>Making the %1…</translation>
    </message>
    <message>
        <source>走访任务单</source>
        <translation>Visit Worksheet</translation>
    </message>
</context>
<context>
    <name>GridsTab</name>
    <message>
        <source>未划分</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <source>未划入网格：%1 处楼栋/房屋，%2 户，%3 人</source>
        <translation>Not in any grid: %1 buildings/houses, %2 households, %3 residents</translation>
    </message>
    <message>
        <source>新建网格</source>
        <translation>New Grid</translation>
    </message>
    <message>
        <source>重命名</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>拆分</source>
        <translation>Split</translation>
    </message>
    <message>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>撤销网格</source>
        <translation>Retire Grid</translation>
    </message>
    <message>
        <source>岗位名称…</source>
        <translation>Post Names…</translation>
    </message>
    <message>
        <source>修改网格人员岗位的名称，或停用不用的岗位</source>
        <translation>Rename the grid staff posts, or switch off posts you do not use</translation>
    </message>
    <message>
        <source>编码规则…</source>
        <translation>Numbering…</translation>
    </message>
    <message>
        <source>新建网格时编号取两位还是三位</source>
        <translation>Whether new grids get two-digit or three-digit numbers</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>按这一天的划分统计；选过去的日期可查看当时的网格</source>
        <translation>Figures use the grids as they stood on this day; pick a past date to see the grids as they were then</translation>
    </message>
    <message>
        <source>显示已撤销网格</source>
        <translation>Show retired grids</translation>
    </message>
    <message>
        <source>划入网格…</source>
        <translation>Assign to Grid…</translation>
    </message>
    <message>
        <source>把选中的楼栋或房屋划入另一个网格；也可以把它们拖到左边的网格上</source>
        <translation>Assign the selected buildings or houses to another grid; you can also drag them onto a grid on the left</translation>
    </message>
    <message>
        <source>网格人员</source>
        <translation>Grid staff</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>任职起始</source>
        <translation>In post since</translation>
    </message>
    <message>
        <source>楼栋和人员</source>
        <translation>Buildings and Staff</translation>
    </message>
    <message>
        <source>走访</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>网格管理</source>
        <translation>Grids</translation>
    </message>
    <message>
        <source> (未划分 %1)</source>
        <translation> (unassigned: %1)</translation>
    </message>
    <message>
        <source> (未划分 %1 处)</source>
        <translation> (unassigned places: %1)</translation>
    </message>
    <message>
        <source>选择一个网格，查看划入的楼栋和房屋</source>
        <translation>Select a grid to see its buildings and houses</translation>
    </message>
    <message>
        <source>未划分的楼栋和房屋：%1 处</source>
        <translation>Unassigned buildings and houses: %1</translation>
    </message>
    <message>
        <source>；另有 %1 户的地址对应不到楼栋或门牌号</source>
        <translation>; households whose address matches no building or house number: %1</translation>
    </message>
    <message>
        <source>%1 的楼栋和房屋：%2 处</source>
        <translation>Buildings and houses of %1: %2</translation>
    </message>
    <message>
        <source>（不含下级网格）</source>
        <translation> (not counting sub-grids)</translation>
    </message>
    <message>
        <source>网格人员（不含下级网格）：%1 人</source>
        <translation>Grid staff (not counting sub-grids): %1</translation>
    </message>
    <message>
        <source>网格人员：%1 人</source>
        <translation>Grid staff: %1</translation>
    </message>
    <message>
        <source>查看的是过去或将来的日期，只能在今天的网格上调整</source>
        <translation>You are viewing a past or future date; changes can be made only on today&apos;s grids</translation>
    </message>
    <message>
        <source>可多选，拖到左边的网格上即划入</source>
        <translation>Select one or more and drag them onto a grid on the left to assign them</translation>
    </message>
    <message>
        <source>划入网格</source>
        <translation>Assign to Grid</translation>
    </message>
    <message>
        <source>添加人员…</source>
        <translation>Add Staff…</translation>
    </message>
    <message>
        <source>登记一位网格人员（居民或外来人员）并任命岗位</source>
        <translation>Register a member of grid staff (resident or non-resident) and appoint them to a post</translation>
    </message>
    <message>
        <source>任命岗位…</source>
        <translation>Appoint to Post…</translation>
    </message>
    <message>
        <source>已登记的人员在本网格担任（另一个）岗位</source>
        <translation>Appoint registered staff to a (further) post in this grid</translation>
    </message>
    <message>
        <source>结束任职…</source>
        <translation>End Post…</translation>
    </message>
    <message>
        <source>所选任职从某日起不再担任</source>
        <translation>End the selected post from a given date</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
</context>
<context>
    <name>HandleDialog</name>
    <message>
        <source>办理反馈</source>
        <translation>Handling Feedback</translation>
    </message>
    <message>
        <source>承办部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>办理日期</source>
        <translation>Handled on</translation>
    </message>
    <message>
        <source>办理结果</source>
        <translation>Result</translation>
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
        <source>楼栋/网格：</source>
        <translation>Building/grid:</translation>
    </message>
    <message>
        <source>查看人员</source>
        <translation>Open Person</translation>
    </message>
    <message>
        <source>修改户信息…</source>
        <translation>Edit Household…</translation>
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
        <source>修改户号、户别和地址（F2）</source>
        <translation>Change the household number, type and address (F2)</translation>
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
        <source>未关联楼栋（网格管理中的“未划分”）</source>
        <translation>No building linked (“Unassigned” in Grids)</translation>
    </message>
    <message>
        <source>{building}，未划入网格</source>
        <translation>{building}, not in any grid</translation>
    </message>
    <message>
        <source>{building}，{grid}</source>
        <translation>{building}, {grid}</translation>
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
    <name>KeysDialog</name>
    <message>
        <source>密钥与指纹</source>
        <translation>Keys and Fingerprints</translation>
    </message>
    <message>
        <source>本单位的指纹（对方核对时请逐组念出）：</source>
        <translation>Your office&apos;s fingerprint (read it out group by group when the other side checks it):</translation>
    </message>
    <message>
        <source>导出公钥(&amp;E)…</source>
        <translation>&amp;Export Public Key…</translation>
    </message>
    <message>
        <source>信任对方公钥(&amp;T)…</source>
        <translation>&amp;Trust a Public Key…</translation>
    </message>
    <message>
        <source>撤销(&amp;R)</source>
        <translation>&amp;Revoke</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>区划代码</source>
        <translation>Division code</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>指纹</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>信任时间</source>
        <translation>Trusted at</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>信任的对方密钥：</source>
        <translation>Trusted keys:</translation>
    </message>
    <message>
        <source>%1（%2，%3）</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>已撤销 %1</source>
        <translation>Revoked %1</translation>
    </message>
    <message>
        <source>信任</source>
        <translation>Trusted</translation>
    </message>
    <message>
        <source>导出公钥</source>
        <translation>Export Public Key</translation>
    </message>
    <message>
        <source>已导出本单位的公钥：%1
请交给对方，并电话告知指纹以便核对。</source>
        <translation>Your office&apos;s public key was exported: %1
Give it to the other side, and tell them the fingerprint by phone so they can check it.</translation>
    </message>
    <message>
        <source>信任对方公钥</source>
        <translation>Trust a Public Key</translation>
    </message>
    <message>
        <source>撤销密钥</source>
        <translation>Revoke Key</translation>
    </message>
    <message>
        <source>撤销%1（%2）的密钥？
指纹：%3
撤销后，用这个密钥签名的数据包都会被拒绝，撤销的密钥不能再次信任。</source>
        <translation>Revoke the key of %1 (%2)?
Fingerprint: %3
Once revoked, every package signed with this key is refused, and the key cannot be trusted again.</translation>
    </message>
</context>
<context>
    <name>LedgerExportDialog</name>
    <message>
        <source>导出台账</source>
        <translation>Export Ledgers</translation>
    </message>
    <message>
        <source>起始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>截止日期不能早于起始日期</source>
        <translation>The end date cannot be before the start date</translation>
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
        <source>各单位</source>
        <translation>Offices</translation>
    </message>
    <message>
        <source>各社区居民</source>
        <translation>Residents</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grids</translation>
    </message>
    <message>
        <source>调解案件</source>
        <translation>Mediation Cases</translation>
    </message>
    <message>
        <source>志愿时长</source>
        <translation>Volunteer Hours</translation>
    </message>
    <message>
        <source>跨社区重复登记</source>
        <translation>Duplicate Registrations</translation>
    </message>
    <message>
        <source>统计报表</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>下发参考数据</source>
        <translation>Reference Data</translation>
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
    <name>MediationActions</name>
    <message>
        <source>登记案件</source>
        <translation>Register Case</translation>
    </message>
    <message>
        <source>修改登记</source>
        <translation>Edit Registration</translation>
    </message>
    <message>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>不予受理</source>
        <translation>Decline</translation>
    </message>
    <message>
        <source>调查记录</source>
        <translation>Investigation Record</translation>
    </message>
    <message>
        <source>调解记录</source>
        <translation>Mediation Session</translation>
    </message>
    <message>
        <source>调解成功</source>
        <translation>Settled</translation>
    </message>
    <message>
        <source>调解不成</source>
        <translation>Mediation Failed</translation>
    </message>
    <message>
        <source>终止调解</source>
        <translation>Terminate</translation>
    </message>
    <message>
        <source>履行情况</source>
        <translation>Performance</translation>
    </message>
    <message>
        <source>司法确认</source>
        <translation>Judicial Confirmation</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Follow-up Visit</translation>
    </message>
    <message>
        <source>归档</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>添加附件</source>
        <translation>Add Attachment</translation>
    </message>
    <message>
        <source>排查报告</source>
        <translation>Screening Report</translation>
    </message>
    <message>
        <source>统计导出</source>
        <translation>Export Statistics</translation>
    </message>
    <message>
        <source>调解设置</source>
        <translation>Mediation Settings</translation>
    </message>
</context>
<context>
    <name>MediationAttachments</name>
    <message>
        <source>打开附件</source>
        <translation>Open Attachment</translation>
    </message>
    <message>
        <source>另存附件</source>
        <translation>Save Attachment As</translation>
    </message>
    <message>
        <source>删除附件</source>
        <translation>Delete Attachment</translation>
    </message>
    <message>
        <source>确定删除这个附件吗？删除后不能恢复。</source>
        <translation>Delete this attachment? It cannot be recovered afterwards.</translation>
    </message>
</context>
<context>
    <name>MediationDialog</name>
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
    <name>MediationPrinting</name>
    <message>
        <source>人民调解申请书</source>
        <translation>Application Form</translation>
    </message>
    <message>
        <source>人民调解受理登记表</source>
        <translation>Acceptance Register</translation>
    </message>
    <message>
        <source>当事人权利义务告知书</source>
        <translation>Notice of Rights and Duties</translation>
    </message>
    <message>
        <source>人民调解调查记录</source>
        <translation>Investigation Record</translation>
    </message>
    <message>
        <source>人民调解记录</source>
        <translation>Mediation Record</translation>
    </message>
    <message>
        <source>人民调解协议书</source>
        <translation>Mediation Agreement</translation>
    </message>
    <message>
        <source>人民调解口头协议登记表</source>
        <translation>Oral Agreement Register</translation>
    </message>
    <message>
        <source>人民调解回访记录</source>
        <translation>Follow-up Record</translation>
    </message>
    <message>
        <source>卷宗封面</source>
        <translation>Case File Cover</translation>
    </message>
    <message>
        <source>卷内目录</source>
        <translation>Case File Contents</translation>
    </message>
    <message>
        <source>封底（卷内备考表）</source>
        <translation>Back Cover (File Notes Sheet)</translation>
    </message>
    <message>
        <source>整卷（卷宗）</source>
        <translation>Whole Case File</translation>
    </message>
    <message>
        <source>单份记录</source>
        <translation>Individual Records</translation>
    </message>
    <message>
        <source>正在生成卷宗…</source>
        <translation>Making the case file…</translation>
    </message>
    <message>
        <source>批量打印卷宗</source>
        <translation>Print Case Files</translation>
    </message>
    <message>
        <source>调解卷宗（%1件）.pdf</source>
        <translation>Mediation case files (%1).pdf</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>请先在列表中选中案件。</source>
        <translation>Select cases in the list first.</translation>
    </message>
    <message>
        <source>已将%1件案件的卷宗保存到：
%2</source>
        <translation>Case files of %1 cases saved to:
%2</translation>
    </message>
    <message>
        <source>正在生成%1件案件的卷宗…</source>
        <translation>Making the case files of %1 cases…</translation>
    </message>
</context>
<context>
    <name>MediationTab</name>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>批量打印卷宗…</source>
        <translation>Print Case Files…</translation>
    </message>
    <message>
        <source>把选中的多件案件的卷宗打印成一个 PDF</source>
        <translation>Print the case files of the selected cases into one PDF</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>矛盾调解</source>
        <translation>Mediation</translation>
    </message>
</context>
<context>
    <name>MergeGridDialog</name>
    <message>
        <source>合并网格</source>
        <translation>Merge Grids</translation>
    </message>
    <message>
        <source>并出网格</source>
        <translation>Grid to merge</translation>
    </message>
    <message>
        <source>并入网格</source>
        <translation>Merge into</translation>
    </message>
    <message>
        <source>合并日期</source>
        <translation>Merge on</translation>
    </message>
    <message>
        <source>请选择并入的网格</source>
        <translation>Choose the grid to merge into</translation>
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
    <name>NewTeamDialog</name>
    <message>
        <source>新建队伍</source>
        <translation>New Team</translation>
    </message>
    <message>
        <source>队伍名称：</source>
        <translation>Team name:</translation>
    </message>
    <message>
        <source>如 平安巡逻队</source>
        <translation>e.g. Safety Patrol Team</translation>
    </message>
    <message>
        <source>服务领域：</source>
        <translation>Field of service:</translation>
    </message>
    <message>
        <source>成立日期：</source>
        <translation>Founded on:</translation>
    </message>
    <message>
        <source>备注：</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <source>队伍名称</source>
        <translation>Team name</translation>
    </message>
</context>
<context>
    <name>NumberingDialog</name>
    <message>
        <source>网格编码规则</source>
        <translation>Grid Numbering</translation>
    </message>
    <message>
        <source>网格编码 = 社区（村）区划代码 + 各级网格编号。这里的位数只用于以后新建的网格，已有网格的编码不变。</source>
        <translation>Grid code = the community (village) division code + the grid number at each level. The number of digits chosen here applies only to grids created from now on; existing grids keep their codes.</translation>
    </message>
    <message>
        <source>%1 位（如 %2）</source>
        <translation>%1 digits (e.g. %2)</translation>
    </message>
    <message>
        <source>编号位数</source>
        <translation>Digits</translation>
    </message>
    <message>
        <source>示例</source>
        <translation>Example</translation>
    </message>
    <message>
        <source>第一网格 %1，其下第二个子网格 %2</source>
        <translation>First grid %1; its second sub-grid %2</translation>
    </message>
</context>
<context>
    <name>OfficeCombo</name>
    <message>
        <source>全部单位</source>
        <translation>All offices</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <source>未办结的点单</source>
        <translation>Open orders</translation>
    </message>
    <message>
        <source>全部点单</source>
        <translation>All orders</translation>
    </message>
    <message>
        <source>登记需求</source>
        <translation>New Request</translation>
    </message>
    <message>
        <source>推荐志愿者 / 派单</source>
        <translation>Suggest / Dispatch</translation>
    </message>
    <message>
        <source>接单</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel Order</translation>
    </message>
    <message>
        <source>单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已等待</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>点单人</source>
        <translation>Requester</translation>
    </message>
    <message>
        <source>服务需求</source>
        <translation>Service needed</translation>
    </message>
    <message>
        <source>期望时间</source>
        <translation>Preferred time</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <source>%1天</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <source>共 %1 单</source>
        <translation>%1 orders</translation>
    </message>
    <message>
        <source>%1 接单：%2？</source>
        <translation>%1 accepts %2?</translation>
    </message>
</context>
<context>
    <name>PartyPicker</name>
    <message>
        <source>姓名、拼音首字母或身份证号</source>
        <translation>Name, pinyin initials or ID number</translation>
    </message>
    <message>
        <source>添加所选居民</source>
        <translation>Add Selected Resident</translation>
    </message>
    <message>
        <source>（未填）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <source>添加外来人员</source>
        <translation>Add Non-resident</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>性别：</source>
        <translation>Sex:</translation>
    </message>
    <message>
        <source>民族：</source>
        <translation>Ethnic group:</translation>
    </message>
    <message>
        <source>年龄：</source>
        <translation>Age:</translation>
    </message>
    <message>
        <source>身份证号：</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <source>职业：</source>
        <translation>Occupation:</translation>
    </message>
    <message>
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>住址：</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>本社区居民</source>
        <translation>Resident</translation>
    </message>
    <message>
        <source>外来人员</source>
        <translation>Non-resident</translation>
    </message>
    <message>
        <source>身份：</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>没有找到匹配的居民，可在“外来人员”页直接填写。</source>
        <translation>No matching resident. You can enter the person on the “Non-resident” page.</translation>
    </message>
    <message>
        <source>请先查找并选中一位居民。</source>
        <translation>Find and select a resident first.</translation>
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
    <name>PerformanceDialog</name>
    <message>
        <source>履行情况</source>
        <translation>Performance</translation>
    </message>
    <message>
        <source>已履行完毕，日期：</source>
        <translation>Fully performed on:</translation>
    </message>
    <message>
        <source>履行情况：</source>
        <translation>Performance:</translation>
    </message>
    <message>
        <source>如：被申请人已当场支付赔偿款</source>
        <translation>e.g. the respondent paid the compensation on the spot</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <source>队伍：</source>
        <translation>Team:</translation>
    </message>
    <message>
        <source>起始日期：</source>
        <translation>From:</translation>
    </message>
    <message>
        <source>截止日期：</source>
        <translation>To:</translation>
    </message>
    <message>
        <source>还没有志愿服务队。</source>
        <translation>There are no volunteer teams yet.</translation>
    </message>
    <message>
        <source>起始日期不能晚于截止日期。</source>
        <translation>The start date cannot be after the end date.</translation>
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
    <name>PhotoViewer</name>
    <message>
        <source>事件照片</source>
        <translation>Event Photo</translation>
    </message>
    <message>
        <source>%1&#x3000;%2 × %3 像素&#x3000;添加于 %4</source>
        <translation>%1   %2 × %3 pixels   added %4</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>另存为…</source>
        <translation>Save As…</translation>
    </message>
    <message>
        <source>无法显示这张照片</source>
        <translation>This photo cannot be displayed</translation>
    </message>
    <message>
        <source>另存照片</source>
        <translation>Save Photo</translation>
    </message>
</context>
<context>
    <name>PickVolunteerDialog</name>
    <message>
        <source>姓名、拼音首字母、编号或电话后四位</source>
        <translation>Name, pinyin initials, number or last 4 digits of phone</translation>
    </message>
    <message>
        <source>查找：</source>
        <translation>Find:</translation>
    </message>
    <message>
        <source>请先查找并选中一位志愿者。</source>
        <translation>Find and select a volunteer first.</translation>
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
    <name>RecordDialog</name>
    <message>
        <source>调查记录</source>
        <translation>Investigation Record</translation>
    </message>
    <message>
        <source>调解记录</source>
        <translation>Mediation Record</translation>
    </message>
    <message>
        <source>时间：</source>
        <translation>Time:</translation>
    </message>
    <message>
        <source>地点：</source>
        <translation>Place:</translation>
    </message>
    <message>
        <source>如：社区调解室</source>
        <translation>e.g. community mediation room</translation>
    </message>
    <message>
        <source>调查事项：</source>
        <translation>Matter investigated:</translation>
    </message>
    <message>
        <source>事由：</source>
        <translation>Subject:</translation>
    </message>
    <message>
        <source>%1纠纷</source>
        <translation>Dispute: %1</translation>
    </message>
    <message>
        <source>被调查人：</source>
        <translation>Person questioned:</translation>
    </message>
    <message>
        <source>参加人：</source>
        <translation>Participants:</translation>
    </message>
    <message>
        <source>调查人：</source>
        <translation>Investigators:</translation>
    </message>
    <message>
        <source>调解员：</source>
        <translation>Mediators:</translation>
    </message>
    <message>
        <source>记录人：</source>
        <translation>Recorded by:</translation>
    </message>
    <message>
        <source>%1（%2）陈述：</source>
        <translation>Statement of %1 (%2):</translation>
    </message>
    <message>
        <source>调查内容：</source>
        <translation>Investigation notes:</translation>
    </message>
    <message>
        <source>其他陈述：</source>
        <translation>Other statements:</translation>
    </message>
    <message>
        <source>不属于某一方当事人的记录</source>
        <translation>Notes that belong to no single party</translation>
    </message>
    <message>
        <source>查明的事实：</source>
        <translation>Facts found:</translation>
    </message>
    <message>
        <source>调查结论：</source>
        <translation>Conclusion:</translation>
    </message>
    <message>
        <source>调解结果：</source>
        <translation>Mediation result:</translation>
    </message>
    <message>
        <source>陈述、事实或结果</source>
        <translation>A statement, the facts or the result</translation>
    </message>
</context>
<context>
    <name>RecordHoursDialog</name>
    <message>
        <source>录入时长</source>
        <translation>Record Hours</translation>
    </message>
    <message>
        <source>活动：</source>
        <translation>Activity:</translation>
    </message>
    <message>
        <source>每人时长：</source>
        <translation>Hours each:</translation>
    </message>
    <message>
        <source>如 2.5 或 2小时30分</source>
        <translation>e.g. 2.5 or 2:30</translation>
    </message>
    <message>
        <source>每人时长</source>
        <translation>Hours each</translation>
    </message>
    <message>
        <source>无法识别的时长：%1</source>
        <translation>Cannot read the hours: %1</translation>
    </message>
</context>
<context>
    <name>RecordVisitDialog</name>
    <message>
        <source>登记走访</source>
        <translation>Record Visit</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household number</translation>
    </message>
    <message>
        <source>走访日期</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <source>（不指定）</source>
        <translation>(not specified)</translation>
    </message>
    <message>
        <source>走访人</source>
        <translation>Visited by</translation>
    </message>
    <message>
        <source>走访方式</source>
        <translation>Type of visit</translation>
    </message>
    <message>
        <source>走访情况</source>
        <translation>Visit notes</translation>
    </message>
    <message>
        <source>需要跟进</source>
        <translation>Needs follow-up</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>修改登记</source>
        <translation>Edit Registration</translation>
    </message>
    <message>
        <source>登记案件</source>
        <translation>Register Case</translation>
    </message>
    <message>
        <source>纠纷类型：</source>
        <translation>Dispute type:</translation>
    </message>
    <message>
        <source>案件来源：</source>
        <translation>Source:</translation>
    </message>
    <message>
        <source>风险等级：</source>
        <translation>Risk level:</translation>
    </message>
    <message>
        <source>重大纠纷应当立即向上级报告。</source>
        <translation>A major dispute must be reported to the next level up at once.</translation>
    </message>
    <message>
        <source>登记日期：</source>
        <translation>Registration date:</translation>
    </message>
    <message>
        <source>有申请书，申请日期：</source>
        <translation>Written application, dated:</translation>
    </message>
    <message>
        <source>纠纷简要情况：</source>
        <translation>Summary of the dispute:</translation>
    </message>
    <message>
        <source>申请事项：</source>
        <translation>Request:</translation>
    </message>
    <message>
        <source>当事人（至少一名申请人）</source>
        <translation>Parties (at least one applicant)</translation>
    </message>
    <message>
        <source>身份</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Party</translation>
    </message>
    <message>
        <source>移除所选当事人</source>
        <translation>Remove Selected Party</translation>
    </message>
    <message>
        <source>%1 已在当事人名单中。</source>
        <translation>%1 is already one of the parties.</translation>
    </message>
    <message>
        <source>纠纷简要情况</source>
        <translation>Summary of the dispute</translation>
    </message>
    <message>
        <source>请至少添加一名申请人。</source>
        <translation>Add at least one applicant.</translation>
    </message>
    <message>
        <source>登记志愿者</source>
        <translation>Register Volunteer</translation>
    </message>
    <message>
        <source>姓名、拼音首字母或身份证号</source>
        <translation>Name, pinyin initials or ID number</translation>
    </message>
    <message>
        <source>（未填）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>性别：</source>
        <translation>Sex:</translation>
    </message>
    <message>
        <source>身份证号：</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>住址：</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>本社区居民</source>
        <translation>Resident</translation>
    </message>
    <message>
        <source>外来人员</source>
        <translation>Non-resident</translation>
    </message>
    <message>
        <source>加入日期：</source>
        <translation>Joined on:</translation>
    </message>
    <message>
        <source>请先查找并选中一位居民，或在“外来人员”页填写。</source>
        <translation>Find and select a resident first, or fill in the “Non-resident” page.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
</context>
<context>
    <name>RenameGridDialog</name>
    <message>
        <source>重命名网格</source>
        <translation>Rename Grid</translation>
    </message>
    <message>
        <source>网格名称</source>
        <translation>Grid name</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Area</translation>
    </message>
</context>
<context>
    <name>ReportAgainDialog</name>
    <message>
        <source>重新上报</source>
        <translation>Report Again</translation>
    </message>
    <message>
        <source>退回原因</source>
        <translation>Reason for return</translation>
    </message>
    <message>
        <source>补充后的描述</source>
        <translation>Revised description</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>数据包导入报告</source>
        <translation>Package Import Report</translation>
    </message>
    <message>
        <source>保存报告(&amp;S)…</source>
        <translation>&amp;Save Report…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>处理冲突(&amp;C)…</source>
        <translation>Resolve &amp;Conflicts…</translation>
    </message>
    <message>
        <source>保存报告</source>
        <translation>Save Report</translation>
    </message>
    <message>
        <source>文本文件 (*.txt);;所有文件 (*)</source>
        <translation>Text files (*.txt);;All files (*)</translation>
    </message>
    <message>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
</context>
<context>
    <name>ReportEventDialog</name>
    <message>
        <source>上报事件</source>
        <translation>Report Event</translation>
    </message>
    <message>
        <source>事件类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>事件描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>发生地点</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>上报人</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <source>上报时间</source>
        <translation>Reported at</translation>
    </message>
    <message>
        <source>所属网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>（不指定）</source>
        <translation>(not specified)</translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <source>登记需求</source>
        <translation>New Service Request</translation>
    </message>
    <message>
        <source>查找本社区居民：姓名、拼音首字母或身份证号</source>
        <translation>Find a resident: name, pinyin initials or ID number</translation>
    </message>
    <message>
        <source>居民：</source>
        <translation>Resident:</translation>
    </message>
    <message>
        <source>点单人：</source>
        <translation>Requester:</translation>
    </message>
    <message>
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>服务需求：</source>
        <translation>Service needed:</translation>
    </message>
    <message>
        <source>（不限）</source>
        <translation>(any)</translation>
    </message>
    <message>
        <source>所需技能：</source>
        <translation>Skill needed:</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>上午、下午3点…</source>
        <translation>morning, 3 pm…</translation>
    </message>
    <message>
        <source>期望时间：</source>
        <translation>Preferred time:</translation>
    </message>
    <message>
        <source>服务地点：</source>
        <translation>Place:</translation>
    </message>
    <message>
        <source>点单人</source>
        <translation>Requester</translation>
    </message>
    <message>
        <source>服务需求</source>
        <translation>Service needed</translation>
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
        <source>修改户信息…</source>
        <translation>Edit Household…</translation>
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
        <source>修改户信息</source>
        <translation>Edit Household</translation>
    </message>
    <message>
        <source>该居民尚未入户：请在“户信息”中先为其入户或新建户。</source>
        <translation>This resident is not in a household yet: under “Household”, add them to one or create a new one first.</translation>
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
    <name>RetireGridDialog</name>
    <message>
        <source>撤销网格</source>
        <translation>Retire Grid</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>撤销日期</source>
        <translation>Retire on</translation>
    </message>
    <message>
        <source>移交给</source>
        <translation>Hand over to</translation>
    </message>
    <message>
        <source>（不移交：网格已没有楼栋和人员）</source>
        <translation>(no handover: the grid has no buildings or staff left)</translation>
    </message>
    <message>
        <source>撤销的网格保留历史，不会删除；此前月份的统计仍按原网格计算。</source>
        <translation>A retired grid keeps its history and is not deleted; figures for earlier months are still counted under it.</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>退回</source>
        <translation>Return Event</translation>
    </message>
    <message>
        <source>退回日期</source>
        <translation>Returned on</translation>
    </message>
    <message>
        <source>退回原因</source>
        <translation>Reason for return</translation>
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
    <name>RoleLabelsDialog</name>
    <message>
        <source>岗位名称设置</source>
        <translation>Post Names</translation>
    </message>
    <message>
        <source>可按本社区的叫法修改岗位名称（最多 %1 个字）；不用的岗位取消“使用”后，任命时不再列出，已有的任职照常显示。</source>
        <translation>Rename the posts to what your community calls them (at most %1 characters). Untick “In use” for a post you do not use: it is no longer offered when appointing, and existing appointments still show.</translation>
    </message>
    <message>
        <source>留空不行；填回“%1”即恢复默认名称</source>
        <translation>Cannot be left empty; type “%1” to restore the default name</translation>
    </message>
    <message>
        <source>使用</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>有 %1 处需要修改，见岗位右侧的红字。</source>
        <translation>%1 entries need correcting: see the red text beside the posts.</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <source>上一周</source>
        <translation>Previous Week</translation>
    </message>
    <message>
        <source>本周</source>
        <translation>This Week</translation>
    </message>
    <message>
        <source>下一周</source>
        <translation>Next Week</translation>
    </message>
    <message>
        <source>新增班次</source>
        <translation>New Shift</translation>
    </message>
    <message>
        <source>安排人员</source>
        <translation>Assign</translation>
    </message>
    <message>
        <source>取消安排</source>
        <translation>Unassign</translation>
    </message>
    <message>
        <source>停止班次</source>
        <translation>End Shift</translation>
    </message>
    <message>
        <source>排入本周</source>
        <translation>Schedule This Week</translation>
    </message>
    <message>
        <source>打印排班表</source>
        <translation>Print Roster</translation>
    </message>
    <message>
        <source>（未安排）</source>
        <translation>(unassigned)</translation>
    </message>
    <message>
        <source>缺%1人</source>
        <translation>%1 short</translation>
    </message>
    <message>
        <source>已排入</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <source>请先在排班表中选中一个班次。</source>
        <translation>Select a shift in the roster first.</translation>
    </message>
    <message>
        <source>安排人员：%1</source>
        <translation>Assign Volunteers: %1</translation>
    </message>
    <message>
        <source>已排入本周活动 %1 个。</source>
        <translation>Activities scheduled for this week: %1.</translation>
    </message>
    <message>
        <source>本周的班次都已排入活动。</source>
        <translation>All of this week&apos;s shifts are already scheduled as activities.</translation>
    </message>
</context>
<context>
    <name>ScreeningDialog</name>
    <message>
        <source>排查报告</source>
        <translation>Screening Report</translation>
    </message>
    <message>
        <source>排查周期：</source>
        <translation>Screening cycle:</translation>
    </message>
    <message>
        <source>排查期间：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>零报告（本期未排查出矛盾纠纷）</source>
        <translation>Zero report (no disputes found this period)</translation>
    </message>
    <message>
        <source>排查出纠纷（件）：</source>
        <translation>Disputes found:</translation>
    </message>
    <message>
        <source>排查情况：</source>
        <translation>Findings:</translation>
    </message>
    <message>
        <source>处置措施：</source>
        <translation>Measures taken:</translation>
    </message>
    <message>
        <source>报告日期：</source>
        <translation>Report date:</translation>
    </message>
    <message>
        <source>报告人：</source>
        <translation>Reported by:</translation>
    </message>
    <message>
        <source>排查期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>报告情况</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>（未报）</source>
        <translation> (not reported)</translation>
    </message>
    <message>
        <source>（本期）</source>
        <translation> (current)</translation>
    </message>
    <message>
        <source>已报告</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>零报告</source>
        <translation>Zero report</translation>
    </message>
    <message>
        <source>未报（缺报）</source>
        <translation>Not reported (missing)</translation>
    </message>
    <message>
        <source>本期进行中</source>
        <translation>Current, in progress</translation>
    </message>
    <message>
        <source>近期各期均已报告，没有待报的排查期间。</source>
        <translation>Every recent period has been reported; no screening period is waiting for a report.</translation>
    </message>
    <message>
        <source>请填写排查情况，或勾选“零报告”。</source>
        <translation>Enter the findings, or tick “Zero report”.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>调解设置</source>
        <translation>Mediation Settings</translation>
    </message>
    <message>
        <source>案号前缀：</source>
        <translation>Case number prefix:</translation>
    </message>
    <message>
        <source>如：幸福（本委员会简称）</source>
        <translation>e.g. 幸福 (your committee&apos;s short name)</translation>
    </message>
    <message>
        <source> 个月</source>
        <translation> months</translation>
    </message>
    <message>
        <source>调解期限（自受理起）：</source>
        <translation>Mediation time limit (from acceptance):</translation>
    </message>
    <message>
        <source>案号示例：</source>
        <translation>Example case number:</translation>
    </message>
    <message>
        <source>已编号的案件不受影响；案号按年度连续编排，不会重复使用。</source>
        <translation>Cases already numbered are not affected. Case numbers run on through each year and are never reused.</translation>
    </message>
</context>
<context>
    <name>SettleDialog</name>
    <message>
        <source>调解成功</source>
        <translation>Mediation Settled</translation>
    </message>
    <message>
        <source>协议形式：</source>
        <translation>Agreement type:</translation>
    </message>
    <message>
        <source>协议日期：</source>
        <translation>Agreement date:</translation>
    </message>
    <message>
        <source>纠纷主要事实、争议事项及各方责任：</source>
        <translation>Main facts, points in dispute and each party&apos;s liability:</translation>
    </message>
    <message>
        <source>协议内容：</source>
        <translation>Terms of agreement:</translation>
    </message>
    <message>
        <source>履行方式：</source>
        <translation>Manner of performance:</translation>
    </message>
    <message>
        <source>如：一次性现金支付</source>
        <translation>e.g. a single cash payment</translation>
    </message>
    <message>
        <source>履行地点：</source>
        <translation>Place of performance:</translation>
    </message>
    <message>
        <source>履行期限：</source>
        <translation>Time for performance:</translation>
    </message>
    <message>
        <source>如：协议生效之日起十日内</source>
        <translation>e.g. within ten days of the agreement taking effect</translation>
    </message>
    <message>
        <source>协议内容</source>
        <translation>Terms of agreement</translation>
    </message>
    <message>
        <source>处理跨社区重复登记</source>
        <translation>Settle Duplicate Registration</translation>
    </message>
    <message>
        <source>暂不决定（只记录意见）</source>
        <translation>Undecided for now (record the notes only)</translation>
    </message>
    <message>
        <source>例如：已迁入和平村，请幸福社区办理迁出登记</source>
        <translation>e.g. has moved to Heping Village; Xingfu Community to register the move out</translation>
    </message>
    <message>
        <source>公民身份号码：</source>
        <translation>Citizen ID number:</translation>
    </message>
    <message>
        <source>登记情况：</source>
        <translation>Registrations:</translation>
    </message>
    <message>
        <source>保留登记的单位(&amp;K)：</source>
        <translation>Office that &amp;keeps the registration:</translation>
    </message>
    <message>
        <source>处理意见(&amp;N)：</source>
        <translation>Decision &amp;notes:</translation>
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
        <source>乡镇不直接修改社区的登记；保存的意见供各社区据此办理迁出或注销。</source>
        <translation>The township does not change the offices&apos; registrations itself; the offices use the saved notes to register the move out or deregister the person.</translation>
    </message>
</context>
<context>
    <name>ShiftDialog</name>
    <message>
        <source>新增班次</source>
        <translation>New Shift</translation>
    </message>
    <message>
        <source>类别：</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>班次名称：</source>
        <translation>Shift name:</translation>
    </message>
    <message>
        <source>如 晚间治安巡逻</source>
        <translation>e.g. Evening security patrol</translation>
    </message>
    <message>
        <source>星期：</source>
        <translation>Weekday:</translation>
    </message>
    <message>
        <source>开始时间：</source>
        <translation>Start time:</translation>
    </message>
    <message>
        <source>结束时间：</source>
        <translation>End time:</translation>
    </message>
    <message>
        <source>地点：</source>
        <translation>Place:</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>No limit</translation>
    </message>
    <message>
        <source>每班人数：</source>
        <translation>People per shift:</translation>
    </message>
    <message>
        <source>（不限队伍）</source>
        <translation>(any team)</translation>
    </message>
    <message>
        <source>志愿服务队：</source>
        <translation>Volunteer team:</translation>
    </message>
    <message>
        <source>开始日期：</source>
        <translation>Starts on:</translation>
    </message>
    <message>
        <source>班次名称</source>
        <translation>Shift name</translation>
    </message>
</context>
<context>
    <name>SkillsDialog</name>
    <message>
        <source>技能设置</source>
        <translation>Skills</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>技能：</source>
        <translation>Skill:</translation>
    </message>
    <message>
        <source>新增技能：</source>
        <translation>New skill:</translation>
    </message>
    <message>
        <source>本社区自己的技能，如 手工编织</source>
        <translation>A skill of your own community, e.g. knitting</translation>
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
    <name>SplitGridDialog</name>
    <message>
        <source>拆分网格</source>
        <translation>Split Grid</translation>
    </message>
    <message>
        <source>原网格</source>
        <translation>Grid to split</translation>
    </message>
    <message>
        <source>新网格名称</source>
        <translation>New grid name</translation>
    </message>
    <message>
        <source>划给新网格</source>
        <translation>To the new grid</translation>
    </message>
    <message>
        <source>拆分日期</source>
        <translation>Split on</translation>
    </message>
    <message>
        <source>请勾选划给新网格的楼栋或房屋</source>
        <translation>Tick the buildings or houses for the new grid</translation>
    </message>
</context>
<context>
    <name>StarsDialog</name>
    <message>
        <source>星级评定</source>
        <translation>Star Review</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>服务时长</source>
        <translation>Hours served</translation>
    </message>
    <message>
        <source>原星级</source>
        <translation>Old level</translation>
    </message>
    <message>
        <source>新星级</source>
        <translation>New level</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>自上次评定以来，共 %1 名志愿者达到新的星级。</source>
        <translation>Since the last review, %1 volunteers have reached a new star level.</translation>
    </message>
    <message>
        <source>自上次评定以来，没有志愿者达到新的星级。</source>
        <translation>Since the last review, no volunteer has reached a new star level.</translation>
    </message>
    <message>
        <source>评定日期：</source>
        <translation>Review date:</translation>
    </message>
    <message>
        <source>备注：</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <source>记录评定</source>
        <translation>Record Review</translation>
    </message>
</context>
<context>
    <name>StatsDialog</name>
    <message>
        <source>统计导出</source>
        <translation>Export Statistics</translation>
    </message>
    <message>
        <source>年度：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>全年（按月分列）</source>
        <translation>Whole year (month by month)</translation>
    </message>
    <message>
        <source>%1月</source>
        <translation>Month %1</translation>
    </message>
    <message>
        <source>月份：</source>
        <translation>Month:</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>保存到：</source>
        <translation>Save to:</translation>
    </message>
    <message>
        <source>本期概况：</source>
        <translation>This period:</translation>
    </message>
    <message>
        <source>受理 %1 件，调解成功 %2 件，调解不成 %3 件，终止 %4 件；调处率 %5，调解成功率 %6</source>
        <translation>Accepted %1, settled %2, failed %3, terminated %4; handling rate %5, success rate %6</translation>
    </message>
    <message>
        <source>人民调解统计_%1.xlsx</source>
        <translation>Mediation statistics_%1.xlsx</translation>
    </message>
    <message>
        <source>保存统计表</source>
        <translation>Save Statistics</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>请选择保存的文件。</source>
        <translation>Choose the file to save to.</translation>
    </message>
    <message>
        <source>文件夹“%1”不存在。</source>
        <translation>The folder “%1” does not exist.</translation>
    </message>
    <message>
        <source>正在生成统计表…</source>
        <translation>Making the statistics…</translation>
    </message>
    <message>
        <source>统计表已保存到：
%1</source>
        <translation>Statistics saved to:
%1</translation>
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
    <message>
        <source>志愿者状态</source>
        <translation>Volunteer Status</translation>
    </message>
    <message>
        <source>志愿者：</source>
        <translation>Volunteer:</translation>
    </message>
    <message>
        <source>状态：</source>
        <translation>Status:</translation>
    </message>
</context>
<context>
    <name>StoredCommand</name>
    <message>
        <source>无法撤销/重做</source>
        <translation>Cannot undo or redo</translation>
    </message>
</context>
<context>
    <name>TeamsDialog</name>
    <message>
        <source>志愿服务队</source>
        <translation>Volunteer Teams</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>加入日期</source>
        <translation>Joined</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>新建队伍</source>
        <translation>New Team</translation>
    </message>
    <message>
        <source>添加成员</source>
        <translation>Add Member</translation>
    </message>
    <message>
        <source>移除成员</source>
        <translation>Remove Member</translation>
    </message>
    <message>
        <source>设为队长</source>
        <translation>Make Leader</translation>
    </message>
    <message>
        <source>解散队伍</source>
        <translation>Dissolve Team</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>还没有志愿服务队，请先新建。</source>
        <translation>There are no volunteer teams yet. Create one first.</translation>
    </message>
    <message>
        <source>%1&#x3000;服务领域：%2&#x3000;成立于 %3&#x3000;成员 %4 人</source>
        <translation>%1   Field: %2   Founded %3   Members: %4</translation>
    </message>
    <message>
        <source>队长</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>队员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>添加成员：%1</source>
        <translation>Add Member: %1</translation>
    </message>
    <message>
        <source>%1 今天起退出本队？</source>
        <translation>Remove %1 from the team as of today?</translation>
    </message>
    <message>
        <source>今天解散“%1”？</source>
        <translation>Dissolve “%1” as of today?</translation>
    </message>
</context>
<context>
    <name>TerminateDialog</name>
    <message>
        <source>终止调解</source>
        <translation>Terminate Mediation</translation>
    </message>
    <message>
        <source>终止日期：</source>
        <translation>Termination date:</translation>
    </message>
    <message>
        <source>终止原因：</source>
        <translation>Reason for termination:</translation>
    </message>
    <message>
        <source>如：申请人撤回申请；一方已向人民法院起诉</source>
        <translation>e.g. the applicant withdrew the application; a party has sued in a people&apos;s court</translation>
    </message>
    <message>
        <source>终止原因</source>
        <translation>Reason for termination</translation>
    </message>
</context>
<context>
    <name>ToMediationDialog</name>
    <message>
        <source>转为调解案件</source>
        <translation>Turn into Mediation Case</translation>
    </message>
    <message>
        <source>纠纷类型</source>
        <translation>Dispute type</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>申请人电话</source>
        <translation>Applicant&apos;s phone</translation>
    </message>
    <message>
        <source>被申请人</source>
        <translation>Respondent</translation>
    </message>
    <message>
        <source>没有可不填</source>
        <translation>Leave blank if there is none</translation>
    </message>
    <message>
        <source>登记日期</source>
        <translation>Registration date</translation>
    </message>
    <message>
        <source>纠纷简要情况</source>
        <translation>Summary of the dispute</translation>
    </message>
</context>
<context>
    <name>TownshipCasesTab</name>
    <message>
        <source>所属单位</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>案号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <source>纠纷类型</source>
        <translation>Dispute type</translation>
    </message>
    <message>
        <source>案件来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>风险等级</source>
        <translation>Risk level</translation>
    </message>
    <message>
        <source>登记日期</source>
        <translation>Registration date</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Acceptance date</translation>
    </message>
    <message>
        <source>结案日期</source>
        <translation>Closing date</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>（未受理）</source>
        <translation>(not accepted)</translation>
    </message>
    <message>
        <source>案件 %1 件</source>
        <translation>Cases: %1</translation>
    </message>
</context>
<context>
    <name>TownshipDuplicatesTab</name>
    <message>
        <source>处理(&amp;S)…</source>
        <translation>&amp;Settle…</translation>
    </message>
    <message>
        <source>显示完整号码</source>
        <translation>Show Full Number</translation>
    </message>
    <message>
        <source>显示所选人员的完整公民身份号码（记入审计日志）</source>
        <translation>Show the selected person&apos;s full citizen ID number (recorded in the audit log)</translation>
    </message>
    <message>
        <source>公民身份号码</source>
        <translation>Citizen ID number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>登记单位</source>
        <translation>Registered at</translation>
    </message>
    <message>
        <source>登记日期</source>
        <translation>Registration date</translation>
    </message>
    <message>
        <source>最近修改</source>
        <translation>Last changed</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>处理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>处理意见</source>
        <translation>Decision notes</translation>
    </message>
    <message>
        <source>保留：%1</source>
        <translation>Keep at %1</translation>
    </message>
    <message>
        <source>已记录意见</source>
        <translation>Notes recorded</translation>
    </message>
    <message>
        <source>待处理</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>同一身份证号在两个单位同时在册：%1 人，其中待处理 %2 人</source>
        <translation>On the register of two offices under the same ID number: %1 people, %2 of them pending</translation>
    </message>
</context>
<context>
    <name>TownshipFiguresTab</name>
    <message>
        <source>%1年</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>全部年份</source>
        <translation>All years</translation>
    </message>
    <message>
        <source>导出 xlsx(&amp;X)…</source>
        <translation>E&amp;xport xlsx…</translation>
    </message>
    <message>
        <source>年份：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>人员与关爱对象为当前在册人数；调解与志愿时长按所选年份统计。</source>
        <translation>People and care recipients are those on the register now; mediation and volunteer hours are counted for the selected year.</translation>
    </message>
    <message>
        <source>敏感关爱类别不向当前角色显示。</source>
        <translation>Sensitive care categories are not shown to your role.</translation>
    </message>
    <message>
        <source>导出统计报表</source>
        <translation>Export Statistics</translation>
    </message>
    <message>
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
    <message>
        <source>正在导出统计报表…</source>
        <translation>Exporting the statistics…</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>TownshipGridsTab</name>
    <message>
        <source>所属单位</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>网格编码</source>
        <translation>Grid code</translation>
    </message>
    <message>
        <source>网格名称</source>
        <translation>Grid name</translation>
    </message>
    <message>
        <source>在岗人员</source>
        <translation>Staff in post</translation>
    </message>
    <message>
        <source>撤销日期</source>
        <translation>Retired on</translation>
    </message>
    <message>
        <source>四至范围</source>
        <translation>Boundaries</translation>
    </message>
    <message>
        <source>网格 %1 个</source>
        <translation>Grids: %1</translation>
    </message>
</context>
<context>
    <name>TownshipHoursTab</name>
    <message>
        <source>所属单位</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>确认时长（小时）</source>
        <translation>Confirmed hours</translation>
    </message>
    <message>
        <source>待确认（小时）</source>
        <translation>Pending hours</translation>
    </message>
    <message>
        <source>全部年份</source>
        <translation>All years</translation>
    </message>
    <message>
        <source>%1年</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>年份：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>志愿者 %1 人，确认服务时长 %2 小时</source>
        <translation>Volunteers: %1, confirmed hours: %2</translation>
    </message>
</context>
<context>
    <name>TownshipOfficesTab</name>
    <message>
        <source>已导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>无新内容</source>
        <translation>Nothing new</translation>
    </message>
    <message>
        <source>已拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>已写出</source>
        <translation>Written</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>In</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Out</translation>
    </message>
    <message>
        <source>处理冲突(&amp;C)…</source>
        <translation>Resolve &amp;Conflicts…</translation>
    </message>
    <message>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>单位代码</source>
        <translation>Office code</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Office name</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>在册居民</source>
        <translation>Residents</translation>
    </message>
    <message>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>调解案件</source>
        <translation>Mediation cases</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Volunteers</translation>
    </message>
    <message>
        <source>已导入数据包</source>
        <translation>Packages imported</translation>
    </message>
    <message>
        <source>最近导入</source>
        <translation>Last import</translation>
    </message>
    <message>
        <source>最近的数据包</source>
        <translation>Latest package</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>来源单位</source>
        <translation>From office</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>&lt;b&gt;各单位&lt;/b&gt;（数据来自各单位报送的数据包，只读）</source>
        <translation>&lt;b&gt;Offices&lt;/b&gt; (from the packages the offices sent in; read-only)</translation>
    </message>
    <message>
        <source>&lt;b&gt;数据包记录&lt;/b&gt;（最近的在前）</source>
        <translation>&lt;b&gt;Package log&lt;/b&gt; (most recent first)</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b00&apos;&gt;待处理冲突：%1 条&lt;/b&gt;（两处都改过的记录，需要人工合并）</source>
        <translation>&lt;b style=&apos;color:#b00&apos;&gt;Conflicts to resolve: %1&lt;/b&gt; (records changed in both places, to be merged by hand)</translation>
    </message>
    <message>
        <source>待处理冲突：0 条</source>
        <translation>Conflicts to resolve: 0</translation>
    </message>
</context>
<context>
    <name>TownshipReferenceTab</name>
    <message>
        <source>以下关爱类别和设置由乡镇（街道）统一确定，在下一次“下发数据包”时发给每个社区（村）（数据交换 → 下发数据包…）。社区（村）自己增加的类别不受影响。</source>
        <translation>The township sets these care categories and settings for all its offices; they go to every office with the next downward package (Exchange → Send Packages to Offices…). Categories an office added itself are not affected.</translation>
    </message>
    <message>
        <source>排序</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>英文名称</source>
        <translation>English name</translation>
    </message>
    <message>
        <source>敏感</source>
        <translation>Sensitive</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>新增类别(&amp;N)…</source>
        <translation>&amp;New Category…</translation>
    </message>
    <message>
        <source>修改(&amp;M)…</source>
        <translation>&amp;Modify…</translation>
    </message>
    <message>
        <source>上移(&amp;U)</source>
        <translation>Move &amp;Up</translation>
    </message>
    <message>
        <source>下移(&amp;D)</source>
        <translation>Move &amp;Down</translation>
    </message>
    <message>
        <source>修改所选类别（F2 或双击）</source>
        <translation>Edit the selected category (F2 or double-click)</translation>
    </message>
    <message>
        <source>Ctrl+↑</source>
        <translation>Ctrl+↑</translation>
    </message>
    <message>
        <source>Ctrl+↓</source>
        <translation>Ctrl+↓</translation>
    </message>
    <message>
        <source>启用(&amp;A)</source>
        <translation>&amp;Active</translation>
    </message>
    <message>
        <source>停用的类别不再供社区（村）选用，已标记的居民不变</source>
        <translation>A category switched off is no longer offered to offices; residents already marked keep it</translation>
    </message>
    <message>
        <source>关爱类别</source>
        <translation>Care categories</translation>
    </message>
    <message>
        <source>网格编码规则(&amp;G)…</source>
        <translation>&amp;Grid Numbering…</translation>
    </message>
    <message>
        <source>网格岗位名称(&amp;R)…</source>
        <translation>Grid &amp;Role Names…</translation>
    </message>
    <message>
        <source>调解期限设置(&amp;T)…</source>
        <translation>Mediation &amp;Time Limit…</translation>
    </message>
    <message>
        <source>下发的设置</source>
        <translation>Settings sent down</translation>
    </message>
    <message>
        <source>下发参考数据</source>
        <translation>Reference Data</translation>
    </message>
    <message>
        <source>（停用）</source>
        <translation>(switched off)</translation>
    </message>
    <message>
        <source>（未设置，不下发，各社区（村）保留自己的设置）</source>
        <translation>(not set: not sent; each office keeps its own)</translation>
    </message>
    <message>
        <source>网格编号位数：%1 位</source>
        <translation>Grid number width: %1 digits</translation>
    </message>
    <message>
        <source>网格岗位名称：%1</source>
        <translation>Grid role names: %1</translation>
    </message>
    <message>
        <source>调解期限：%1 个月</source>
        <translation>Mediation time limit: %1 months</translation>
    </message>
    <message>
        <source>调整顺序</source>
        <translation>Reorder</translation>
    </message>
    <message>
        <source>调解期限设置</source>
        <translation>Mediation Time Limit</translation>
    </message>
</context>
<context>
    <name>TownshipResidentModel</name>
    <message>
        <source>所属单位</source>
        <translation>Office</translation>
    </message>
</context>
<context>
    <name>TownshipResidentsTab</name>
    <message>
        <source>姓名、拼音首字母、身份证号或电话的开头/结尾、地址…</source>
        <translation>Name, pinyin initials, start or end of ID number or phone, address…</translation>
    </message>
    <message>
        <source>单位：</source>
        <translation>Office:</translation>
    </message>
    <message>
        <source>查找：</source>
        <translation>Find:</translation>
    </message>
    <message>
        <source>在册 %1 人</source>
        <translation>On the register: %1</translation>
    </message>
</context>
<context>
    <name>TrustDialog</name>
    <message>
        <source>信任对方公钥</source>
        <translation>Trust a Public Key</translation>
    </message>
    <message>
        <source>请打电话给对方，请对方打开“数据交换 → 密钥与指纹”，念出对方单位自己的指纹，与下面的指纹逐组核对。指纹不一致时不要信任。</source>
        <translation>Phone the other side and ask them to open “Exchange → Keys and Fingerprints” and read out their own office&apos;s fingerprint; check it group by group against the fingerprint below. Do not trust the key if they differ.</translation>
    </message>
    <message>
        <source>单位：</source>
        <translation>Office:</translation>
    </message>
    <message>
        <source>区划代码：</source>
        <translation>Division code:</translation>
    </message>
    <message>
        <source>类型：</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>指纹：</source>
        <translation>Fingerprint:</translation>
    </message>
    <message>
        <source>我已电话核对，指纹完全一致</source>
        <translation>I checked by phone: the fingerprints match exactly</translation>
    </message>
    <message>
        <source>信任(&amp;T)</source>
        <translation>&amp;Trust</translation>
    </message>
</context>
<context>
    <name>UnassignDialog</name>
    <message>
        <source>取消安排</source>
        <translation>Unassign</translation>
    </message>
    <message>
        <source>班次：</source>
        <translation>Shift:</translation>
    </message>
    <message>
        <source>志愿者：</source>
        <translation>Volunteer:</translation>
    </message>
    <message>
        <source>从此日起不再值班：</source>
        <translation>Off duty from:</translation>
    </message>
    <message>
        <source>这个班次当天没有安排人员。</source>
        <translation>Nobody is assigned to this shift on that day.</translation>
    </message>
</context>
<context>
    <name>VisitsPanel</name>
    <message>
        <source>选一位网格员：只列他任职网格里的待走访户</source>
        <translation>Pick a grid worker to list only the households due a visit in their grids</translation>
    </message>
    <message>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <source>登记走访…</source>
        <translation>Record Visit…</translation>
    </message>
    <message>
        <source>完成跟进…</source>
        <translation>Complete Follow-up…</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Household head</translation>
    </message>
    <message>
        <source>关爱类别</source>
        <translation>Care categories</translation>
    </message>
    <message>
        <source>上次走访</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <source>应访日期</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>逾期天数</source>
        <translation>Days overdue</translation>
    </message>
    <message>
        <source>走访日期</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <source>走访人</source>
        <translation>Visited by</translation>
    </message>
    <message>
        <source>走访情况</source>
        <translation>Visit notes</translation>
    </message>
    <message>
        <source>走访</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>全部网格员</source>
        <translation>All grid workers</translation>
    </message>
    <message>
        <source>从未走访</source>
        <translation>Never visited</translation>
    </message>
    <message>
        <source>今天到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>待走访：%1 户（逾期标红，从未走访标黄）</source>
        <translation>Due a visit: %1 households (overdue in red, never visited in yellow)</translation>
    </message>
    <message>
        <source>待跟进：%1 次走访</source>
        <translation>Awaiting follow-up: %1 visits</translation>
    </message>
</context>
<context>
    <name>VolunteerCommands</name>
    <message>
        <source>修改志愿者 %1</source>
        <translation>Edit volunteer %1</translation>
    </message>
</context>
<context>
    <name>VolunteerFilterBar</name>
    <message>
        <source>姓名、拼音、编号、电话或身份证后四位</source>
        <translation>Name, pinyin, number, or last 4 digits of phone or ID</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>双报到</source>
        <translation>Dual registration</translation>
    </message>
    <message>
        <source>只显示到社区报到的在职党员</source>
        <translation>Show only working Party members registered with the community</translation>
    </message>
    <message>
        <source>查找：</source>
        <translation>Find:</translation>
    </message>
    <message>
        <source>全部技能</source>
        <translation>All skills</translation>
    </message>
    <message>
        <source>全部队伍</source>
        <translation>All teams</translation>
    </message>
    <message>
        <source>共 %1 人</source>
        <translation>%1 people</translation>
    </message>
</context>
<context>
    <name>VolunteerPanel</name>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>身份</source>
        <translation>Person type</translation>
    </message>
    <message>
        <source>本社区居民</source>
        <translation>Resident</translation>
    </message>
    <message>
        <source>外来人员</source>
        <translation>Non-resident</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>所在网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>技能</source>
        <translation>Skills</translation>
    </message>
    <message>
        <source>可服务日</source>
        <translation>Available days</translation>
    </message>
    <message>
        <source>可服务时段</source>
        <translation>Available times</translation>
    </message>
    <message>
        <source>双报到</source>
        <translation>Dual registration</translation>
    </message>
    <message>
        <source>%1（%2报到）</source>
        <translation>%1 (registered %2)</translation>
    </message>
    <message>
        <source>政治面貌</source>
        <translation>Political status</translation>
    </message>
    <message>
        <source>中共党员</source>
        <translation>CPC member</translation>
    </message>
    <message>
        <source>加入日期</source>
        <translation>Joined</translation>
    </message>
    <message>
        <source>退出日期</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>服务内容</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>时长</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>队伍</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>活动</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>显示全部时长记录（默认只显示最近一年）</source>
        <translation>Show all hour entries (by default only the last year)</translation>
    </message>
    <message>
        <source>时长明细</source>
        <translation>Hours Ledger</translation>
    </message>
    <message>
        <source>所属队伍</source>
        <translation>Teams</translation>
    </message>
    <message>
        <source>报名记录</source>
        <translation>Sign-ups</translation>
    </message>
    <message>
        <source>未选择志愿者</source>
        <translation>No volunteer selected</translation>
    </message>
    <message>
        <source>已确认 %1，待确认 %2&#x3000;星级 %3</source>
        <translation>Confirmed %1, pending %2   Stars %3</translation>
    </message>
    <message>
        <source>（距%1还差 %2）</source>
        <translation> (%2 more to reach %1)</translation>
    </message>
    <message>
        <source>调整</source>
        <translation>Adjustment</translation>
    </message>
</context>
<context>
    <name>VolunteerPrinting</name>
    <message>
        <source>志愿服务证明</source>
        <translation>Volunteer Service Certificate</translation>
    </message>
    <message>
        <source>排班表</source>
        <translation>Duty Roster</translation>
    </message>
    <message>
        <source>队伍花名册</source>
        <translation>Team Roster</translation>
    </message>
</context>
<context>
    <name>VolunteerTableModel</name>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>技能</source>
        <translation>Skills</translation>
    </message>
    <message>
        <source>所属队伍</source>
        <translation>Teams</translation>
    </message>
    <message>
        <source>服务时长</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>星级</source>
        <translation>Stars</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>Volunteers</name>
    <message>
        <source>报名提醒：
%1

仍要报名吗？</source>
        <translation>Sign-up warnings:
%1

Sign up anyway?</translation>
    </message>
    <message>
        <source>报名</source>
        <translation>Sign Up</translation>
    </message>
</context>
<context>
    <name>VolunteersTab</name>
    <message>
        <source>登记志愿者</source>
        <translation>Register Volunteer</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>调整时长</source>
        <translation>Adjust Hours</translation>
    </message>
    <message>
        <source>删除待确认时长</source>
        <translation>Delete Pending Hours</translation>
    </message>
    <message>
        <source>队伍</source>
        <translation>Teams</translation>
    </message>
    <message>
        <source>星级评定</source>
        <translation>Star Review</translation>
    </message>
    <message>
        <source>技能设置</source>
        <translation>Skills</translation>
    </message>
    <message>
        <source>导出列</source>
        <translation>Export Columns</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>导出时长…</source>
        <translation>Export Hours…</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Volunteers</translation>
    </message>
    <message>
        <source>活动</source>
        <translation>Activities</translation>
    </message>
    <message>
        <source>排班</source>
        <translation>Duty Roster</translation>
    </message>
    <message>
        <source>点单</source>
        <translation>Service Orders</translation>
    </message>
    <message>
        <source>请先在时长明细中选中待确认的记录。</source>
        <translation>Select pending entries in the Hours Ledger first.</translation>
    </message>
    <message>
        <source>删除所选的%1条待确认时长记录？</source>
        <translation>Delete the %1 selected pending hour entries?</translation>
    </message>
</context>
<context>
    <name>WatchDialog</name>
    <message>
        <source>监视共享文件夹</source>
        <translation>Watch Shared Folder</translation>
    </message>
    <message>
        <source>放入这个文件夹的数据包（.gdx）会在复制完成后自动导入，每个只导入一次。下次启动程序时继续监视。</source>
        <translation>Packages (.gdx) put in this folder are imported automatically once copying has finished, each only once. Watching carries on the next time govdesk starts.</translation>
    </message>
    <message>
        <source>选择文件夹(&amp;F)…</source>
        <translation>Choose &amp;Folder…</translation>
    </message>
    <message>
        <source>停止监视(&amp;S)</source>
        <translation>&amp;Stop Watching</translation>
    </message>
    <message>
        <source>重新导入未成功的(&amp;R)</source>
        <translation>&amp;Retry Refused or Unfinished</translation>
    </message>
    <message>
        <source>再导入一次已拒绝或未完成的数据包，例如刚信任了对方的密钥之后</source>
        <translation>Import the refused or unfinished packages again, for example after trusting the sender&apos;s key</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>本次运行中自动导入的数据包：</source>
        <translation>Packages imported automatically since govdesk started:</translation>
    </message>
    <message>
        <source>未监视任何文件夹</source>
        <translation>Not watching any folder</translation>
    </message>
    <message>
        <source>正在监视：%1</source>
        <translation>Watching: %1</translation>
    </message>
    <message>
        <source>已导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>没有新内容</source>
        <translation>Nothing new</translation>
    </message>
    <message>
        <source>已拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>未完成</source>
        <translation>Not finished</translation>
    </message>
    <message>
        <source>选择要监视的文件夹</source>
        <translation>Choose a Folder to Watch</translation>
    </message>
</context>
<context>
    <name>_OfficeListTab</name>
    <message>
        <source>单位：</source>
        <translation>Office:</translation>
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
        <source>正在升级数据库……
先备份原文件，再更新数据结构。数据多时需要一些时间，请不要关闭程序或电脑。</source>
        <translation>Upgrading the database…
The file is backed up first, then its structure is updated.
With much data this takes a while; please do not close the program or turn off the computer.</translation>
    </message>
    <message>
        <source>正在打开数据库……</source>
        <translation>Opening the database…</translation>
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
    <name>dialog</name>
    <message>
        <source>岗位</source>
        <translation>Post</translation>
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
    <message>
        <source>此文件为副本</source>
        <translation>This file is a copy</translation>
    </message>
</context>
</TS>
