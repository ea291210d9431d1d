<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AccountCardWidget</name>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="59"/>
        <source>账号信息</source>
        <translation>Account information</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="61"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="62"/>
        <source>账号ID</source>
        <translation>Account ID</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="63"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="64"/>
        <source>简介</source>
        <translation>Bio</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="65"/>
        <source>签名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="66"/>
        <source>认证信息</source>
        <translation>Certification</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="67"/>
        <source>IP属地</source>
        <translation>IP location</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="73"/>
        <source>真实身份</source>
        <translation>Real identity</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="77"/>
        <source>认证方式</source>
        <translation>Verification method</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="82"/>
        <source>认证状态</source>
        <translation>Verification status</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="85"/>
        <source>主体</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="86"/>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="87"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="88"/>
        <source>手机号码</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="89"/>
        <source>自称职业</source>
        <translation>Claimed profession</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="90"/>
        <source>核验职业</source>
        <translation>Verified profession</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="91"/>
        <source>登记机构名称</source>
        <translation>Registered organisation</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="92"/>
        <source>机构性质</source>
        <translation>Organisation type</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="93"/>
        <source>所属行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="94"/>
        <source>经营范围</source>
        <translation>Business scope</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="98"/>
        <source>专门标识</source>
        <translation>special mark</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="98"/>
        <source>有效期至</source>
        <translation>valid until</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="98"/>
        <source>至</source>
        <translation>until</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="107"/>
        <source>资质与标识</source>
        <translation>Qualifications and marks</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="108"/>
        <source>资质</source>
        <translation>Qualifications</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="108"/>
        <location filename="../../workbench/ui/widgets/account_card.py" line="137"/>
        <location filename="../../workbench/ui/widgets/account_card.py" line="195"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="114"/>
        <source>公众账号信息</source>
        <translation>Public account</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="116"/>
        <source>运营主体</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="117"/>
        <source>注册地</source>
        <translation>Registered address</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="118"/>
        <source>运营地</source>
        <translation>Operating address</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="119"/>
        <source>内容生产类别</source>
        <translation>Content category</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="120"/>
        <source>联系方式</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="131"/>
        <source>信用与状态</source>
        <translation>Credit and status</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="133"/>
        <source>信用分</source>
        <translation>Credit score</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="134"/>
        <source>分级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="135"/>
        <source>账号状态</source>
        <translation>Account status</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="136"/>
        <source>受限功能</source>
        <translation>Restricted functions</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="137"/>
        <source>生效中的处置</source>
        <translation>Measures in force</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="138"/>
        <source>粉丝数</source>
        <translation>Followers</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="139"/>
        <source>注册时间</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="140"/>
        <source>最近活跃</source>
        <translation>Last active</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="160"/>
        <source>信息变更记录</source>
        <translation>Information change history</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="164"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="164"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="164"/>
        <source>原值</source>
        <translation>Old value</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="164"/>
        <source>新值</source>
        <translation>New value</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="185"/>
        <source>同一主体的其他账号</source>
        <translation>The subject&apos;s other accounts</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <location filename="../../workbench/ui/panes/case_view.py" line="61"/>
        <source>在左侧队列中选择一个案件</source>
        <translation>Choose a case in a queue on the left</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/case_view.py" line="154"/>
        <source>规则命中 (%1)</source>
        <translation>Rule hits (%1)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/case_view.py" line="158"/>
        <source>举报 (%1)</source>
        <translation>Reports (%1)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/case_view.py" line="160"/>
        <source>时间线</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/case_view.py" line="162"/>
        <source>关联案件 (%1)</source>
        <translation>Related cases (%1)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/case_view.py" line="173"/>
        <source>未认领</source>
        <translation>unclaimed</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/case_view.py" line="180"/>
        <source>处理人：%1</source>
        <translation>Assignee: %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/case_view.py" line="182"/>
        <source>举报人数：%1</source>
        <translation>Reporters: %1</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <location filename="../../workbench/ui/queue_model.py" line="73"/>
        <source>%1天%2小时</source>
        <extracomment>Background of the due-time cell by due state (a DueState value).</extracomment>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/queue_model.py" line="79"/>
        <source>%1小时%2分</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/queue_model.py" line="84"/>
        <source>%1分</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/queue_model.py" line="86"/>
        <source>超时 %1</source>
        <translation>%1 overdue</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/queue_model.py" line="87"/>
        <source>剩余 %1</source>
        <translation>%1 left</translation>
    </message>
</context>
<context>
    <name>ExceptionDialog</name>
    <message>
        <location filename="../../workbench/ui/errors.py" line="83"/>
        <source>出现意外错误</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/errors.py" line="86"/>
        <source>工作台遇到意外错误，当前操作未完成。可复制下面的详情报告给管理员。</source>
        <translation>The workbench hit an unexpected error; the current action was not completed. Copy the details below for your administrator.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/errors.py" line="87"/>
        <source>日志：%1</source>
        <translation>Log: %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/errors.py" line="97"/>
        <source>复制详情</source>
        <translation>Copy details</translation>
    </message>
</context>
<context>
    <name>HitList</name>
    <message>
        <location filename="../../workbench/ui/widgets/hits.py" line="103"/>
        <source>没有规则命中</source>
        <translation>No rule hits</translation>
    </message>
</context>
<context>
    <name>HitWidget</name>
    <message>
        <location filename="../../workbench/ui/widgets/hits.py" line="51"/>
        <source>字段：%1</source>
        <translation>Field: %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/hits.py" line="53"/>
        <source>依据：%1</source>
        <translation>Basis: %1</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <location filename="../../workbench/ui/widgets/images.py" line="38"/>
        <source>无法读取图片：%1</source>
        <translation>Cannot read the image: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../workbench/ui/main_window.py" line="55"/>
        <source>账号信息投诉举报工作台</source>
        <translation>Account information complaints workbench</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/main_window.py" line="82"/>
        <source>工作台</source>
        <translation>Workbench</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/main_window.py" line="129"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/main_window.py" line="130"/>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/main_window.py" line="133"/>
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/main_window.py" line="135"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/main_window.py" line="139"/>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/main_window.py" line="140"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/main_window.py" line="143"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/main_window.py" line="147"/>
        <source>案件(&amp;C)</source>
        <translation>&amp;Case</translation>
    </message>
</context>
<context>
    <name>QueueListPane</name>
    <message>
        <location filename="../../workbench/ui/panes/queue_list.py" line="109"/>
        <source>共 %1 · 临近超时 %2 · 已超时 %3</source>
        <translation>%1 in all · %2 at risk · %3 breached</translation>
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <location filename="../../workbench/ui/queue_model.py" line="38"/>
        <source>截止时间</source>
        <extracomment>Column key, header (Chinese source string for tr), SQL sort key or None.</extracomment>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/queue_model.py" line="39"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/queue_model.py" line="40"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/queue_model.py" line="41"/>
        <source>最强命中</source>
        <translation>Strongest hit</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/queue_model.py" line="42"/>
        <source>举报人数</source>
        <translation>Reporters</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/queue_model.py" line="43"/>
        <source>举报人可信度</source>
        <translation>Reporter credibility</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/queue_model.py" line="44"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/queue_model.py" line="45"/>
        <source>处理人</source>
        <translation>Assignee</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../workbench/ui/panes/queue_view.py" line="39"/>
        <source>搜索账号名称、举报人、举报内容</source>
        <translation>Search account name, reporter, report text</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/queue_view.py" line="43"/>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/queue_view.py" line="48"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/queue_view.py" line="119"/>
        <source>%1 条</source>
        <translation>%1 rows</translation>
    </message>
</context>
<context>
    <name>ReportList</name>
    <message>
        <location filename="../../workbench/ui/widgets/reports.py" line="81"/>
        <source>没有举报</source>
        <translation>No reports</translation>
    </message>
</context>
<context>
    <name>ReportWidget</name>
    <message>
        <location filename="../../workbench/ui/widgets/reports.py" line="34"/>
        <source>可信度未知</source>
        <translation>credibility unknown</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/reports.py" line="37"/>
        <source>可信度 %1（举报 %2 次，成立 %3 次，不予受理 %4 次）</source>
        <translation>credibility %1 (%2 reports, %3 upheld, %4 declined)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/reports.py" line="43"/>
        <source>匿名</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/reports.py" line="56"/>
        <source>疑似恶意举报</source>
        <translation>Possibly malicious report</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/reports.py" line="59"/>
        <source>（无文字）</source>
        <translation>(no text)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../workbench/ui/dialogs/settings.py" line="35"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/settings.py" line="38"/>
        <source>本机 SQLite 文件</source>
        <translation>SQLite file on this computer</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/settings.py" line="39"/>
        <source>共享 PostgreSQL 数据库</source>
        <translation>Shared PostgreSQL database</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/settings.py" line="46"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/settings.py" line="72"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/settings.py" line="74"/>
        <source>地址</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/settings.py" line="75"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/settings.py" line="83"/>
        <source>更换数据库或语言后，工作台将重新打开。</source>
        <translation>After a change of database or language the workbench reopens.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/settings.py" line="90"/>
        <source>选择数据库文件</source>
        <translation>Choose the database file</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../workbench/ui/dialogs/sign_in.py" line="41"/>
        <source>登录 — 账号信息投诉举报工作台</source>
        <translation>Sign in — Account information complaints workbench</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/sign_in.py" line="53"/>
        <source>数据库：%1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/sign_in.py" line="59"/>
        <source>登录名</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/sign_in.py" line="60"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/sign_in.py" line="64"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/sign_in.py" line="65"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/sign_in.py" line="66"/>
        <source>数据库设置…</source>
        <translation>Database settings…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/sign_in.py" line="90"/>
        <source>正在登录…</source>
        <translation>Signing in…</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <location filename="../../workbench/ui/tasks.py" line="120"/>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/tasks.py" line="121"/>
        <source>正在处理…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/tasks.py" line="126"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Thumbnail</name>
    <message>
        <location filename="../../workbench/ui/widgets/images.py" line="63"/>
        <source>无图片</source>
        <translation>No image</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/images.py" line="63"/>
        <source>图片缺失</source>
        <translation>Image missing</translation>
    </message>
</context>
<context>
    <name>TimelineTable</name>
    <message>
        <location filename="../../workbench/ui/widgets/reports.py" line="92"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/reports.py" line="92"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/reports.py" line="92"/>
        <source>事件</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/reports.py" line="92"/>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/reports.py" line="98"/>
        <source>时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/reports.py" line="98"/>
        <source>系统</source>
        <translation>System</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <location filename="../../workbench/ui/app.py" line="72"/>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../workbench/ui/errors.py" line="119"/>
        <source>无法完成</source>
        <translation>Could not complete</translation>
    </message>
</context>
</TS>
