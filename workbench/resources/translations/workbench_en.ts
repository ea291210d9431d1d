<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AccountCardWidget</name>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="70"/>
        <source>账号信息</source>
        <translation>Account information</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="72"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="73"/>
        <source>账号ID</source>
        <translation>Account ID</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="74"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="75"/>
        <source>简介</source>
        <translation>Bio</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="76"/>
        <source>签名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="77"/>
        <source>认证信息</source>
        <translation>Certification</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="78"/>
        <source>IP属地</source>
        <translation>IP location</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="84"/>
        <source>真实身份</source>
        <translation>Real identity</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="88"/>
        <source>认证方式</source>
        <translation>Verification method</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="93"/>
        <source>认证状态</source>
        <translation>Verification status</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="96"/>
        <source>主体</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="97"/>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="98"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="99"/>
        <source>手机号码</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="100"/>
        <source>自称职业</source>
        <translation>Claimed profession</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="101"/>
        <source>核验职业</source>
        <translation>Verified profession</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="102"/>
        <source>登记机构名称</source>
        <translation>Registered organisation</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="103"/>
        <source>机构性质</source>
        <translation>Organisation type</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="104"/>
        <source>所属行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="105"/>
        <source>经营范围</source>
        <translation>Business scope</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="109"/>
        <source>专门标识</source>
        <translation>special mark</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="109"/>
        <source>有效期至</source>
        <translation>valid until</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="109"/>
        <source>至</source>
        <translation>until</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="118"/>
        <source>资质与标识</source>
        <translation>Qualifications and marks</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="119"/>
        <source>资质</source>
        <translation>Qualifications</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="119"/>
        <location filename="../../workbench/ui/widgets/account_card.py" line="148"/>
        <location filename="../../workbench/ui/widgets/account_card.py" line="227"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="125"/>
        <source>公众账号信息</source>
        <translation>Public account</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="127"/>
        <source>运营主体</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="128"/>
        <source>注册地</source>
        <translation>Registered address</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="129"/>
        <source>运营地</source>
        <translation>Operating address</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="130"/>
        <source>内容生产类别</source>
        <translation>Content category</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="131"/>
        <source>联系方式</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="142"/>
        <source>信用与状态</source>
        <translation>Credit and status</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="144"/>
        <source>信用分</source>
        <translation>Credit score</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="170"/>
        <source>信用等级</source>
        <translation>Credit grade</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="145"/>
        <source>分级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="146"/>
        <source>账号状态</source>
        <translation>Account status</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="147"/>
        <source>受限功能</source>
        <translation>Restricted functions</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="148"/>
        <source>生效中的处置</source>
        <translation>Measures in force</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="149"/>
        <source>粉丝数</source>
        <translation>Followers</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="150"/>
        <source>注册时间</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="151"/>
        <source>最近活跃</source>
        <translation>Last active</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="171"/>
        <source>账号「%1」的%2</source>
        <translation>%2 of account “%1”</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="192"/>
        <source>信息变更记录</source>
        <translation>Information change history</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="196"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="196"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="196"/>
        <source>原值</source>
        <translation>Old value</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="196"/>
        <source>新值</source>
        <translation>New value</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="217"/>
        <source>同一主体的其他账号</source>
        <translation>The subject&apos;s other accounts</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="265"/>
        <source>同一联系方式</source>
        <translation>Same contact</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="266"/>
        <source>相似头像</source>
        <translation>Similar avatar</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="267"/>
        <source>同一主体</source>
        <translation>Same subject</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/account_card.py" line="269"/>
        <source>关联账号</source>
        <translation>Linked accounts</translation>
    </message>
</context>
<context>
    <name>ActionPanel</name>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="112"/>
        <source>确认执行</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="115"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="232"/>
        <source>队列中没有可认领的案件</source>
        <translation>No case to claim in this queue</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="265"/>
        <source>已认领下一个案件</source>
        <translation>Claimed the next case</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="262"/>
        <source>将从「%1」队列认领下一个未被认领的案件并打开</source>
        <translation>Will claim the next unclaimed case of the %1 queue and open it</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="287"/>
        <source>已受理案件 %1</source>
        <translation>Accepted case %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="285"/>
        <source>将受理案件 %1（%2 → %3），并开始甄别计时</source>
        <translation>Will accept case %1 (%2 → %3) and start the screening clock</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="275"/>
        <source>将认领案件 %1，租约期内他人不能处理</source>
        <translation>Will claim case %1; others cannot work it while the lease runs</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="277"/>
        <source>已认领案件 %1</source>
        <translation>Claimed case %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="293"/>
        <source>不予受理 · 案件 %1</source>
        <translation>Decline · case %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="304"/>
        <source>已不予受理案件 %1</source>
        <translation>Declined case %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="329"/>
        <source>已记录案件 %1 的甄别结论</source>
        <translation>Recorded the findings of case %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="336"/>
        <source>处置措施 · 案件 %1</source>
        <translation>Measures · case %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="348"/>
        <source>已处置案件 %1</source>
        <translation>Disposed of case %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="354"/>
        <source>未发现违规 · 案件 %1</source>
        <translation>No violation · case %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="355"/>
        <source>甄别未发现违规（%1 → %2），之后回复举报人。理由：</source>
        <translation>Screening found no violation (%1 → %2); the reporters are answered next. Reason:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="366"/>
        <source>案件 %1 未发现违规</source>
        <translation>Case %1: no violation</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="379"/>
        <source>回复举报人 · 案件 %1</source>
        <translation>Reply to the reporters · case %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="399"/>
        <source>已回复案件 %1 的举报人</source>
        <translation>Replied to the reporters of case %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="416"/>
        <source>已暂停计时</source>
        <translation>Clock paused</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="412"/>
        <source>将暂停案件 %1 的计时（%2），恢复后期限顺延</source>
        <translation>Will pause the clock of case %1 (%2); the deadline moves on when it resumes</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="426"/>
        <source>已恢复计时</source>
        <translation>Clock resumed</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="425"/>
        <source>将恢复案件 %1 的计时，期限按暂停时长顺延</source>
        <translation>Will resume the clock of case %1; the deadline moves by the paused time</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="431"/>
        <source>升级给主管 · 案件 %1</source>
        <translation>Escalate · case %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="432"/>
        <source>将移入「升级处理」队列并释放认领。理由：</source>
        <translation>The case moves to the escalations queue and its claim is released. Reason:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="441"/>
        <source>已将案件 %1 升级给主管</source>
        <translation>Escalated case %1 to the supervisors</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="450"/>
        <source>已释放案件 %1</source>
        <translation>Released case %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="448"/>
        <source>将释放案件 %1 的认领，退回队列供他人处理</source>
        <translation>Will release case %1 back to its queue for others</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="429"/>
        <source>延长处理时限 · 案件 %1</source>
        <translation>Extend the deadline · case %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/actions.py" line="442"/>
        <source>已延长案件 %1 的处理时限</source>
        <translation>Extended the deadline of case %1</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>授权名称名单</source>
        <translation>Names needing authorisation</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/page.py" line="43"/>
        <source>外发死信</source>
        <translation>Outbox dead letters</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/page.py" line="36"/>
        <source>审核员与角色</source>
        <translation>Reviewers and roles</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/page.py" line="37"/>
        <source>处理时限</source>
        <translation>Time limits</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/page.py" line="38"/>
        <source>节假日与调休</source>
        <translation>Holidays and make-up days</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/page.py" line="39"/>
        <source>回复模板</source>
        <translation>Reply templates</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/page.py" line="40"/>
        <source>规则词表</source>
        <translation>Rule lexicons</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/page.py" line="41"/>
        <source>规则误报率</source>
        <translation>Rule dismissal rates</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/page.py" line="46"/>
        <source>信用等级</source>
        <translation>Credit grades</translation>
    </message>
</context>
<context>
    <name>BulkActions</name>
    <message>
        <location filename="../../workbench/ui/panes/bulk_actions.py" line="29"/>
        <source>#%1 %2 → %3</source>
        <translation>#%1 %2 → %3</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/bulk_actions.py" line="53"/>
        <source>；立即生效：%1</source>
        <translation>; in effect at once: %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/bulk_actions.py" line="58"/>
        <source>；待主管审批：%1</source>
        <translation>; to a supervisor for approval: %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/bulk_actions.py" line="63"/>
        <source>；回复举报人 %1 条</source>
        <translation>; %1 reply(ies) to reporters</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/bulk_actions.py" line="68"/>
        <source>……另 %1 个案件</source>
        <translation>…and %1 more cases</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/bulk_actions.py" line="102"/>
        <source>请先在队列中选择案件</source>
        <translation>Select cases in the queue first</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/bulk_actions.py" line="113"/>
        <source>将受理所选的 %1 个案件（全部成功或全部不执行）</source>
        <translation>Will accept the %1 selected cases (all or none)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/bulk_actions.py" line="118"/>
        <source>已批量受理 %1 个案件</source>
        <translation>Accepted %1 cases</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/bulk_actions.py" line="129"/>
        <source>批量不予受理 %1 个案件</source>
        <translation>Decline %1 cases</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/bulk_actions.py" line="138"/>
        <source>已批量不予受理 %1 个案件</source>
        <translation>Declined %1 cases</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/bulk_actions.py" line="149"/>
        <source>批量处置 %1 个案件</source>
        <translation>Measures on %1 cases</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/bulk_actions.py" line="161"/>
        <source>将处置所选的 %1 个案件（全部成功或全部不执行）：</source>
        <translation>Will take measures on the %1 selected cases (all or none):</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/bulk_actions.py" line="165"/>
        <source>已批量处置 %1 个案件</source>
        <translation>Took measures on %1 cases</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/bulk_actions.py" line="181"/>
        <source>将回复所选 %1 个案件的举报人（全部成功或全部不执行）：</source>
        <translation>Will reply to the reporters of the %1 selected cases (all or none):</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/bulk_actions.py" line="185"/>
        <source>已回复 %1 个案件的举报人</source>
        <translation>Replied to the reporters of %1 cases</translation>
    </message>
</context>
<context>
    <name>ChangeRequestsView</name>
    <message>
        <location filename="../../workbench/ui/panes/change_requests_view.py" line="1"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/change_requests_view.py" line="1"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/change_requests_view.py" line="1"/>
        <source>变更字段</source>
        <translation>Fields changed</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/change_requests_view.py" line="1"/>
        <source>命中规则</source>
        <translation>Rule hits</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/change_requests_view.py" line="1"/>
        <source>提交时间</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/change_requests_view.py" line="1"/>
        <source>改正期限</source>
        <translation>Correction deadline</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/change_requests_view.py" line="1"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/change_requests_view.py" line="1"/>
        <source>当前值</source>
        <translation>Current value</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/change_requests_view.py" line="1"/>
        <source>申请变更为</source>
        <translation>Proposed value</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/change_requests_view.py" line="1"/>
        <source>规则类别</source>
        <translation>Rule category</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/change_requests_view.py" line="1"/>
        <source>命中内容</source>
        <translation>Matched text</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/change_requests_view.py" line="1"/>
        <source>法律依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/change_requests_view.py" line="1"/>
        <source>说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/change_requests_view.py" line="1"/>
        <source>理由（不予变更时必填）</source>
        <translation>Reason (required to refuse)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/change_requests_view.py" line="1"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/change_requests_view.py" line="1"/>
        <source>批准变更</source>
        <translation>Approve change</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/change_requests_view.py" line="1"/>
        <source>不予变更</source>
        <translation>Refuse change</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/change_requests_view.py" line="1"/>
        <source>&lt;b&gt;变更申请 #%1&lt;/b&gt; · 账号：%2（%3） · 提交：%4</source>
        <translation>&lt;b&gt;Change request #%1&lt;/b&gt; · account: %2 (%3) · submitted: %4</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/change_requests_view.py" line="1"/>
        <source>不予变更须填写理由</source>
        <translation>Give a reason to refuse the change</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/change_requests_view.py" line="1"/>
        <source>变更申请 #%1 已批准</source>
        <translation>Change request #%1 approved</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/change_requests_view.py" line="1"/>
        <source>变更申请 #%1 不予变更</source>
        <translation>Change request #%1 refused</translation>
    </message>
</context>
<context>
    <name>AppealsView</name>
    <message>
        <source>账号卡片</source>
        <translation>Account card</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="90"/>
        <source>申诉人联系方式：</source>
        <translation>Appellant&apos;s contact:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="96"/>
        <source>原处置决定</source>
        <translation>Original decision</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="100"/>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="118"/>
        <source>措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="101"/>
        <source>法律依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="102"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="103"/>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="121"/>
        <source>决定人</source>
        <translation>Decided by</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="104"/>
        <source>审批人</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="105"/>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="120"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="117"/>
        <source>决定时间</source>
        <translation>Decided at</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="119"/>
        <source>依据</source>
        <translation>Basis</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="129"/>
        <source>原举报与证据</source>
        <translation>Original reports and evidence</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="130"/>
        <source>账号处置历史</source>
        <translation>Account&apos;s measures</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="134"/>
        <source>复核理由（必填）</source>
        <translation>Reason for the decision (required)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="138"/>
        <source>维持原决定</source>
        <translation>Uphold</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="139"/>
        <source>变更措施…</source>
        <translation>Revise…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="140"/>
        <source>撤销处置</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="141"/>
        <source>回复申诉人…</source>
        <translation>Reply to the appellant…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="155"/>
        <source>申诉内容</source>
        <translation>Appeal</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="259"/>
        <source>申诉人「%1」的联系方式</source>
        <translation>contact of appellant “%1”</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="311"/>
        <source>变更措施 · 申诉 #%1</source>
        <translation>Revise · appeal #%1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="356"/>
        <source>申诉 #%1 已%2</source>
        <translation>Appeal #%1: %2</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="375"/>
        <source>回复申诉人 · 申诉 #%1</source>
        <translation>Reply to the appellant · appeal #%1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/appeals_view.py" line="395"/>
        <source>已回复申诉人</source>
        <translation>Replied to the appellant</translation>
    </message>
    <message>
        <source>&lt;b&gt;申诉 #%1&lt;/b&gt; · %2 · %3 · 申诉人：%4</source>
        <translation>&lt;b&gt;Appeal #%1&lt;/b&gt; · %2 · %3 · appellant: %4</translation>
    </message>
    <message>
        <source>复核人：%1</source>
        <translation>Decided by: %1</translation>
    </message>
    <message>
        <source>期限：%1（%2）</source>
        <translation>Due: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>BulkChecksDialog</name>
    <message>
        <location filename="../../workbench/ui/dialogs/bulk_checks.py" line="30"/>
        <source>账号批量检查</source>
        <translation>Bulk account checks</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/bulk_checks.py" line="31"/>
        <source>开始检查</source>
        <translation>Start checks</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/bulk_checks.py" line="35"/>
        <source>检查未能完成：已完成的批次已保存，再次检查会重新核对全部账号，不会重复立案。</source>
        <translation>The checks did not finish: the batches already done are saved; checking again goes over every account and files no hit twice.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/bulk_checks.py" line="40"/>
        <source>对全部在用账号（已关闭、列入黑名单的除外）做账号层面检查：实名认证、公众账号信息公示、同一主体账号数量、六个月未使用、虚假流量、未经批准的转让、内容类别、未经授权使用名单上的名称。新的命中经“自动筛查”渠道立案，已立案的命中不会重复立案。每 %1 个账号保存一次：中途取消时，已完成的部分会保留。</source>
        <translation>Runs the account-level checks over every account in service (closed and blacklisted ones excepted): identity verification, public-account disclosures, accounts per subject, idle six months, fake traffic, unapproved transfers, content category, listed names used without authorisation. Each new hit is filed through the automated-screening channel; a hit already filed opens no second case. Saved every %1 accounts: a cancelled run keeps what it finished.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/bulk_checks.py" line="51"/>
        <source>同时按规则筛查账号信息文字（名称、简介、签名、认证信息）</source>
        <translation>Also screen the account information text (name, bio, signature, certification) against the rules</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/bulk_checks.py" line="63"/>
        <source>已检查账号 %1 / %2</source>
        <translation>Checked %1 of %2 accounts</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/bulk_checks.py" line="64"/>
        <source>正在载入筛查规则…</source>
        <translation>Loading the screening rules…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/bulk_checks.py" line="74"/>
        <source>正在检查存量账号…</source>
        <translation>Checking the stock of accounts…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/bulk_checks.py" line="83"/>
        <source>已取消：取消前已处理 %1 / %2 个账号，这部分结果已保存。再次检查会重新核对全部账号，已立案的命中不会重复立案。</source>
        <translation>Cancelled: processed %1 of %2 accounts before the cancel, and those results are saved. Checking again goes over every account and files no hit twice.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/bulk_checks.py" line="91"/>
        <source>检查完成：共检查 %1 个账号，其中 %2 个有命中。</source>
        <translation>Checks done: %1 accounts checked, %2 with hits.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/bulk_checks.py" line="97"/>
        <source>命中 %1 条（新命中 %2 条）；新立案 %3 件，并入已有案件 %4 条，此前已立案 %5 条。</source>
        <translation>%1 hits (%2 new); %3 cases opened, %4 joined an open case, %5 filed before.</translation>
    </message>
</context>
<context>
    <name>CalendarTab</name>
    <message>
        <source>无法读取 %1：%2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="53"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="53"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="53"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="64"/>
        <source>说明，如 国庆节</source>
        <translation>Note, e.g. National Day</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="69"/>
        <source>设置该日</source>
        <translation>Set the day</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="70"/>
        <source>清除该日</source>
        <translation>Clear the day</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="71"/>
        <source>导入 CSV…</source>
        <translation>Import CSV…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="100"/>
        <source>已设置 %1</source>
        <translation>Set %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="107"/>
        <source>已清除 %1</source>
        <translation>Cleared %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="111"/>
        <source>导入节假日 CSV</source>
        <translation>Import holidays CSV</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="119"/>
        <source>已导入 %1</source>
        <translation>Imported %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="130"/>
        <source>%1 个进行中的时限改变期限</source>
        <translation>%1 running clocks changed their due time</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <location filename="../../workbench/ui/panes/case_view.py" line="220"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/case_view.py" line="139"/>
        <source>添加内部备注</source>
        <translation>Add an internal note</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/case_view.py" line="172"/>
        <source>规则命中 (%1)</source>
        <translation>Rule hits (%1)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/case_view.py" line="176"/>
        <source>举报 (%1)</source>
        <translation>Reports (%1)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/case_view.py" line="178"/>
        <source>时间线</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/case_view.py" line="180"/>
        <source>关联案件 (%1)</source>
        <translation>Related cases (%1)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/case_view.py" line="203"/>
        <source>未认领</source>
        <translation>unclaimed</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/case_view.py" line="210"/>
        <source>处理人：%1</source>
        <translation>Assignee: %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/case_view.py" line="212"/>
        <source>举报人数：%1</source>
        <translation>Reporters: %1</translation>
    </message>
    <message>
        <source>在上方的队列表格中选择一个案件</source>
        <translation>Choose a case in the queue table above</translation>
    </message>
    <message>
        <source>显示或收起账号卡片 (Ctrl+Alt+K)</source>
        <translation>Show or fold the account card (Ctrl+Alt+K)</translation>
    </message>
    <message>
        <source>账号卡片</source>
        <translation>Account card</translation>
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
    <name>Dashboard</name>
    <message>
        <source>案件</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>导出格式须为 .csv 或 .xlsx：%1</source>
        <translation>Export to a .csv or .xlsx file, not %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="146"/>
        <source>措施编号</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="147"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="148"/>
        <source>措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="149"/>
        <location filename="../../workbench/ui/panes/dashboard.py" line="180"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="150"/>
        <source>决定人</source>
        <translation>Decided by</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="151"/>
        <source>决定时间</source>
        <translation>Decided at</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="158"/>
        <source>审批意见（必填）</source>
        <translation>Approval note (required)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="159"/>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="161"/>
        <source>驳回</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="165"/>
        <source>待审批的严重措施</source>
        <translation>Severe measures awaiting approval</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="181"/>
        <source>改派</source>
        <translation>Reassign</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="184"/>
        <source>改派案件</source>
        <translation>Reassign a case</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="186"/>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="188"/>
        <source>改派给</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="193"/>
        <source>导出统计（CSV / XLSX）…</source>
        <translation>Export figures (CSV / XLSX)…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="196"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="245"/>
        <source>今日到期 %1 · 明日 %2 · 本周 %3 · 临近超时 %4 · 已超时 %5 · 暂停 %6</source>
        <translation>Due today %1 · tomorrow %2 · this week %3 · at risk %4 · breached %5 · paused %6</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="255"/>
        <source>待办</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="257"/>
        <source>临近超时</source>
        <translation>At risk</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="260"/>
        <source>已超时</source>
        <translation>Breached</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="263"/>
        <source>各队列期限</source>
        <translation>Deadlines per queue</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="269"/>
        <source>中位处理时长（工作小时）</source>
        <translation>Median handling time (working hours)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="276"/>
        <source>90% 分位</source>
        <translation>90th percentile</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="281"/>
        <source>审核员处理时长（近 %1 天）</source>
        <translation>Handling time per reviewer (last %1 days)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="283"/>
        <source>暂无</source>
        <translation>None yet</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="288"/>
        <source>按时</source>
        <translation>Met</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="290"/>
        <source>超时</source>
        <translation>Breached</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="293"/>
        <source>每周超时趋势</source>
        <translation>Breaches by week</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="342"/>
        <source>请先选择一条待审批的措施</source>
        <translation>Select a measure awaiting approval first</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="349"/>
        <source>已批准措施 %1</source>
        <translation>Approved measure %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="349"/>
        <source>已驳回措施 %1</source>
        <translation>Rejected measure %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="359"/>
        <source>没有可改派的审核员</source>
        <translation>No reviewer to reassign to</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="363"/>
        <source>已将案件 %1 改派给 %2</source>
        <translation>Reassigned case %1 to %2</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="371"/>
        <source>导出统计</source>
        <translation>Export figures</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="391"/>
        <source>已导出到 %1</source>
        <translation>Exported to %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="393"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/dashboard.py" line="266"/>
        <source>等待认领（中位 / 90%，工作小时，近 %1 天）：</source>
        <translation>Waiting before claim (median / 90%, working hours, last %1 days): </translation>
    </message>
    <message>
        <source>（未分配）</source>
        <translation>(unassigned)</translation>
    </message>
</context>
<context>
    <name>DataMenu</name>
    <message>
        <location filename="../../workbench/ui/data_menu.py" line="32"/>
        <source>数据(&amp;D)</source>
        <translation>&amp;Data</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/data_menu.py" line="36"/>
        <source>导入账号…</source>
        <translation>Import accounts…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/data_menu.py" line="37"/>
        <source>导入举报…</source>
        <translation>Import reports…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/data_menu.py" line="38"/>
        <source>账号批量检查…</source>
        <translation>Bulk account checks…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/data_menu.py" line="57"/>
        <source>选择要导入的账号文件</source>
        <translation>Choose the accounts file to import</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/data_menu.py" line="59"/>
        <source>选择要导入的举报文件</source>
        <translation>Choose the reports file to import</translation>
    </message>
</context>
<context>
    <name>DeclineDialog</name>
    <message>
        <location filename="../../workbench/ui/dialogs/decline.py" line="40"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/decline.py" line="41"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/decline.py" line="60"/>
        <source>将以「%1」不予受理，举报人会收到相应的回复。</source>
        <translation>Will decline as “%1”; the reporters get the matching reply.</translation>
    </message>
</context>
<context>
    <name>ExtendDeadlineDialog</name>
    <message>
        <location filename="../../workbench/ui/dialogs/extend_deadline.py" line="37"/>
        <source>工作日</source>
        <translation>working days</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/extend_deadline.py" line="38"/>
        <source>小时</source>
        <translation>hours</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/extend_deadline.py" line="41"/>
        <source>必填，记入审计日志</source>
        <translation>required; goes into the audit log</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/extend_deadline.py" line="51"/>
        <source>延长</source>
        <translation>Extend by</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/extend_deadline.py" line="52"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/extend_deadline.py" line="53"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/extend_deadline.py" line="80"/>
        <source>将把案件 %1 正在计时的处理时限延长 %2 %3，理由记入审计日志。</source>
        <translation>Will extend the running deadline of case %1 by %2 %3; the reason goes into the audit log.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/extend_deadline.py" line="82"/>
        <source>请填写延长的理由。</source>
        <translation>Give the reason for the extension.</translation>
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
    <name>Extensions</name>
    <message>
        <source>监管报送</source>
        <translation>Regulator reports</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/extensions.py" line="90"/>
        <source>申诉复核</source>
        <translation>Appeals</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/extensions.py" line="102"/>
        <source>信息变更审核</source>
        <translation>Change requests</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/extensions.py" line="109"/>
        <source>主管看板</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/extensions.py" line="114"/>
        <source>系统管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>申诉复核员在「申诉复核」页复核申诉；案件的受理、甄别、处置和回复由审核员与主管进行，这里只供查看。</source>
        <translation>Appeal reviewers review appeals on the Appeals page; moderators and supervisors accept, screen, decide and answer cases, which are shown here to read only.</translation>
    </message>
    <message>
        <source>系统管理员可以查看案件，但不处理案件：受理、甄别、处置和回复由审核员与主管进行。管理员的工作在「系统管理」页。</source>
        <translation>Administrators may read cases but do not handle them: moderators and supervisors accept, screen, decide and answer them. An administrator&apos;s work is on the Administration page.</translation>
    </message>
</context>
<context>
    <name>FindingsDialog</name>
    <message>
        <location filename="../../workbench/ui/dialogs/findings.py" line="66"/>
        <source>记录甄别结论 · 案件 #%1</source>
        <translation>Record findings · case #%1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/findings.py" line="79"/>
        <source>留空则按类别的通常依据，如 2022/8(2)</source>
        <translation>Empty: the category&apos;s usual basis, e.g. 2022/8(2)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/findings.py" line="83"/>
        <source>规则命中</source>
        <translation>Rule hits</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/findings.py" line="89"/>
        <source>无规则命中</source>
        <translation>No rule hits</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/findings.py" line="99"/>
        <source>违规类别</source>
        <translation>Violation categories</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/findings.py" line="100"/>
        <source>法律依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/findings.py" line="101"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/findings.py" line="135"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/findings.py" line="138"/>
        <source>将记录违规类别：%1；规则命中 %2 条成立、%3 条不成立；案件进入甄别中。</source>
        <translation>Will record the categories %1; %2 rule hits accepted, %3 dismissed; the case goes into screening.</translation>
    </message>
</context>
<context>
    <name>HitDecisionRow</name>
    <message>
        <location filename="../../workbench/ui/dialogs/findings.py" line="41"/>
        <source>成立</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/findings.py" line="42"/>
        <source>不成立</source>
        <translation>Dismiss</translation>
    </message>
</context>
<context>
    <name>HitList</name>
    <message>
        <location filename="../../workbench/ui/widgets/hits.py" line="104"/>
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
    <name>HoldDialog</name>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="1"/>
        <source>%1 %2内，该举报人的新举报照常登记、计时，但只由他举报的案件不在默认队列视图中显示；截止前两小时起及超时的案件照常显示。</source>
        <translation>For %1 %2 this reporter's new reports are filed and timed as usual, but cases only they reported stay out of the default queue view; from two hours before the deadline, and when overdue, the cases show as usual.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="1"/>
        <source>%1 %2内，账号「%3」的待处理案件不在默认队列视图中显示，新举报并入其案件；截止前两小时起及超时的案件照常显示。</source>
        <translation>For %1 %2 the open cases of the account “%3” stay out of the default queue view and new reports join its case; from two hours before the deadline, and when overdue, the cases show as usual.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="1"/>
        <source>%1（举报于 %2）</source>
        <translation>%1 (reported %2)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="55"/>
        <source>举报人</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="74"/>
        <source>天</source>
        <translation>days</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="75"/>
        <source>小时</source>
        <translation>hours</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="78"/>
        <source>必填，记入审计日志</source>
        <translation>Required; goes into the audit log</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="57"/>
        <source>暂缓账号 · 案件 #%1</source>
        <translation>Snooze the account · case #%1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="95"/>
        <source>期限</source>
        <translation>For</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="121"/>
        <source>此案件的举报均无举报人（自动识别），无从静音。</source>
        <translation>No report of this case has a reporter (raised automatically): nobody to mute.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="96"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="135"/>
        <source>请填写理由。</source>
        <translation>Give a reason.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="57"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="55"/>
        <source>静音举报人 · 案件 #%1</source>
        <translation>Mute a reporter · case #%1</translation>
    </message>
</context>
<context>
    <name>HoldsDialog</name>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="1"/>
        <source>%1（%2 撤销）</source>
        <translation>%1 (lifted by %2)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="1"/>
        <source>%1（已到期）</source>
        <translation>%1 (ended)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="150"/>
        <source>含已结束的</source>
        <translation>Include ended ones</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="155"/>
        <source>对象</source>
        <translation>Who</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="223"/>
        <source>已撤销 #%1，相关案件回到默认队列视图</source>
        <translation>Lifted #%1; its cases are back in the default queue view</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="163"/>
        <source>撤销所选</source>
        <translation>Lift the chosen one</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="57"/>
        <source>暂缓账号</source>
        <translation>Snoozed account</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="96"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="155"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="155"/>
        <source>至</source>
        <translation>Until</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="155"/>
        <source>设置人</source>
        <translation>Set by</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="147"/>
        <source>静音与暂缓</source>
        <translation>Mutes and snoozes</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/holds.py" line="55"/>
        <source>静音举报人</source>
        <translation>Muted reporter</translation>
    </message>
</context>
<context>
    <name>HoldsMenu</name>
    <message>
        <location filename="../../workbench/ui/holds_menu.py" line="98"/>
        <source>已暂缓账号（#%1）</source>
        <translation>Account snoozed (#%1)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/holds_menu.py" line="89"/>
        <source>已静音举报人（#%1）</source>
        <translation>Reporter muted (#%1)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/holds_menu.py" line="3"/>
        <source>暂缓此账号…</source>
        <translation>Snooze this account…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/holds_menu.py" line="62"/>
        <source>请先打开一个案件</source>
        <translation>Open a case first</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/holds_menu.py" line="4"/>
        <source>静音与暂缓…</source>
        <translation>Mutes and snoozes…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/holds_menu.py" line="3"/>
        <source>静音举报人…</source>
        <translation>Mute a reporter…</translation>
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
    <name>ImportDialog</name>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="151"/>
        <source>开始导入</source>
        <translation>Start import</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="154"/>
        <source>导入账号</source>
        <translation>Import accounts</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="154"/>
        <source>导入举报</source>
        <translation>Import reports</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="157"/>
        <source>CSV（含表头）或 JSONL 文件，每行一个账号。按平台账号 ID 匹配：已有账号按文件更新，重复导入不会新增。新增和变更的账号按规则筛查。</source>
        <translation>A CSV file (with a header) or JSON Lines, one account per row. Accounts are matched by platform id: known ones are updated from the file, and importing again adds nothing. New and changed accounts are screened against the rules.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="162"/>
        <source>CSV（含表头）或 JSONL 文件，每行一条举报或投诉，被举报账号须已导入。按外部编号去重：重复导入不会重复立案。</source>
        <translation>A CSV file (with a header) or JSON Lines, one report or complaint per row; the reported accounts must be imported first. Reports are matched by external id: importing again files nothing twice.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="171"/>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="174"/>
        <source>跳过错误行</source>
        <translation>Skip bad rows</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="178"/>
        <source>勾选后导入合格的行，不合格的行连同原因写入原文件旁的 .rejects 文件；不勾选时，只要有一行不合格就不导入任何数据。</source>
        <translation>When ticked, the good rows are imported and the bad ones written with their reasons to a .rejects file beside the input; when not, one bad row means nothing is imported.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="218"/>
        <source>请先选择一个存在的文件。</source>
        <translation>Choose a file that exists first.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="222"/>
        <source>正在读取并检查 %1…</source>
        <translation>Reading and checking %1…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="223"/>
        <source>正在载入筛查规则…</source>
        <translation>Loading the screening rules…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="224"/>
        <source>正在写入数据库…</source>
        <translation>Writing to the database…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="225"/>
        <source>已筛查账号 %1 / %2</source>
        <translation>Screened %1 of %2 accounts</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="225"/>
        <source>已立案举报 %1 / %2</source>
        <translation>Filed %1 of %2 reports</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="237"/>
        <source>正在导入 %1…</source>
        <translation>Importing %1…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="243"/>
        <source>已取消导入，数据库未作任何改动。</source>
        <translation>Import cancelled; the database is unchanged.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="248"/>
        <source>%1 行不合格，未导入任何数据。请修正文件后重试，或勾选“跳过错误行”。</source>
        <translation>%1 bad rows; nothing was imported. Fix the file and try again, or tick “Skip bad rows”.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="257"/>
        <source>%1 行不合格，已跳过，连同原因写入：%2</source>
        <translation>%1 bad rows skipped, written with their reasons to: %2</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="269"/>
        <source>账号导入完成：新增 %1 个，更新 %2 个，未变 %3 个；新的规则命中 %4 条。</source>
        <translation>Accounts imported: %1 new, %2 updated, %3 unchanged; %4 new rule hits.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="274"/>
        <source>其中 %1 个账号的身份证号码或统一社会信用代码未通过校验，已导入并标记待更正。</source>
        <translation>Of these, %1 accounts have an ID number or credit code failing its check: imported all the same and flagged for correction.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="274"/>
        <source>举报导入完成：导入 %1 条（新立案 %2 件，并入已有案件 %3 条），此前已收到 %4 条。</source>
        <translation>Reports imported: %1 filed (%2 opened a case, %3 joined one), %4 received before.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="281"/>
        <source>第 %1 行：%2</source>
        <translation>Line %1: %2</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="284"/>
        <source>……另有 %1 行不合格未列出</source>
        <translation>…and %1 more bad rows not listed</translation>
    </message>
</context>
<context>
    <name>JobDialog</name>
    <message>
        <location filename="../../workbench/ui/dialogs/import_data.py" line="75"/>
        <source>未能完成，数据库未作改动。</source>
        <extracomment>Bad rows listed in the dialog; the rest are counted (and in the rejects file).</extracomment>
        <translation>Not done; the database is unchanged.</translation>
    </message>
</context>
<context>
    <name>LexiconsTab</name>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="210"/>
        <source>打开词表目录</source>
        <translation>Open the lexicon folder</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="214"/>
        <source>重新加载并检查</source>
        <translation>Reload and check</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="219"/>
        <source>词表</source>
        <translation>List</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="219"/>
        <source>词条数</source>
        <translation>Entries</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="242"/>
        <source>词表已加载：%1 个</source>
        <translation>Lexicons loaded: %1 lists</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="245"/>
        <source>词表有误：%1</source>
        <translation>A lexicon is wrong: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>无法读取数据库的变更，正在重试。</source>
        <translation>Cannot read changes from the database; retrying.</translation>
    </message>
    <message>
        <source>与服务器的连接已中断，正在自动重连；在此期间的操作将被拒绝，不会重复执行。</source>
        <translation>The connection to the server is lost; reconnecting. Actions are refused meanwhile and never applied twice.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/main_window.py" line="61"/>
        <source>账号信息投诉举报工作台</source>
        <translation>Account information complaints workbench</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/main_window.py" line="88"/>
        <source>工作台</source>
        <translation>Workbench</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/main_window.py" line="147"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/main_window.py" line="148"/>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/main_window.py" line="151"/>
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/main_window.py" line="153"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/main_window.py" line="157"/>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/main_window.py" line="158"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/main_window.py" line="161"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/main_window.py" line="165"/>
        <source>案件(&amp;C)</source>
        <translation>&amp;Case</translation>
    </message>
</context>
<context>
    <name>MeasureEditor</name>
    <message>
        <location filename="../../workbench/ui/dialogs/measures.py" line="68"/>
        <source>需审批</source>
        <translation>needs approval</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/measures.py" line="73"/>
        <source>不限</source>
        <translation>No limit</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/measures.py" line="79"/>
        <source>需改正的内容</source>
        <translation>What must be corrected</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/measures.py" line="97"/>
        <source>措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/measures.py" line="98"/>
        <source>期限（天）</source>
        <translation>Days</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/measures.py" line="99"/>
        <source>限制的功能</source>
        <translation>Functions restricted</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/measures.py" line="100"/>
        <source>改正期限（工作日）</source>
        <translation>Correction deadline (working days)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/measures.py" line="101"/>
        <source>改正要求</source>
        <translation>Correction required</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/measures.py" line="102"/>
        <source>法律依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/measures.py" line="103"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/measures.py" line="118"/>
        <source>此措施需主管审批后生效</source>
        <translation>This measure takes effect only after a supervisor approves it</translation>
    </message>
</context>
<context>
    <name>MeasuresDialog</name>
    <message>
        <location filename="../../workbench/ui/dialogs/measures.py" line="150"/>
        <source>加入列表</source>
        <translation>Add to the list</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/measures.py" line="189"/>
        <source>将处置：%1</source>
        <translation>Will apply: %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/measures.py" line="191"/>
        <source>严重措施提交主管审批，审批通过前不生效。</source>
        <translation>Severe measures go to a supervisor and take effect only when approved.</translation>
    </message>
</context>
<context>
    <name>PoliciesTab</name>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="65"/>
        <location filename="../../workbench/ui/admin/policies.py" line="114"/>
        <location filename="../../workbench/ui/admin/policies.py" line="129"/>
        <source>环节</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="66"/>
        <location filename="../../workbench/ui/admin/policies.py" line="130"/>
        <source>队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="67"/>
        <location filename="../../workbench/ui/admin/policies.py" line="131"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="68"/>
        <location filename="../../workbench/ui/admin/policies.py" line="132"/>
        <source>账号等级</source>
        <translation>Account grade</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="69"/>
        <location filename="../../workbench/ui/admin/policies.py" line="136"/>
        <source>时限</source>
        <translation>Limit</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="70"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="80"/>
        <location filename="../../workbench/ui/admin/policies.py" line="85"/>
        <location filename="../../workbench/ui/admin/policies.py" line="90"/>
        <location filename="../../workbench/ui/admin/policies.py" line="163"/>
        <location filename="../../workbench/ui/admin/policies.py" line="164"/>
        <location filename="../../workbench/ui/admin/policies.py" line="165"/>
        <source>全部</source>
        <translation>Any</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="102"/>
        <source>预览影响</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="105"/>
        <source>确认并重算</source>
        <translation>Apply and recompute</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="113"/>
        <source>对象</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="115"/>
        <source>原期限</source>
        <translation>Old due</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="116"/>
        <source>新期限</source>
        <translation>New due</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="117"/>
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="137"/>
        <source>修改时限</source>
        <translation>Change a limit</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="167"/>
        <source>内置默认</source>
        <translation>Shipped default</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="213"/>
        <source>案件 #%1</source>
        <translation>Case #%1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="215"/>
        <source>申诉 #%1</source>
        <translation>Appeal #%1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="217"/>
        <source>改正令 #%1</source>
        <translation>Correction order #%1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="229"/>
        <source>将有 %1 个进行中的时限改变期限；确认后才会保存并重算。</source>
        <translation>%1 running clocks would change their due time; nothing is saved until you apply.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="241"/>
        <source>请先预览此修改</source>
        <translation>Preview this change first</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="250"/>
        <source>时限已修改：重算 %1 个进行中的时限，%2 个期限改变</source>
        <translation>Limit changed: %1 running clocks recomputed, %2 due times moved</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/policies.py" line="257"/>
        <source>时限已修改</source>
        <translation>Limit changed</translation>
    </message>
</context>
<context>
    <name>PresenceLine</name>
    <message>
        <location filename="../../workbench/ui/widgets/presence.py" line="92"/>
        <source>也在查看此案件：%1</source>
        <translation>Also looking at this case: %1</translation>
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
        <location filename="../../workbench/ui/queue_model.py" line="46"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
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
    <message>
        <location filename="../../workbench/ui/queue_model.py" line="1"/>
        <source>%1 · 静音/暂缓</source>
        <translation>%1 · muted/snoozed</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../workbench/ui/panes/queue_view.py" line="55"/>
        <source>全部标签</source>
        <translation>All tags</translation>
    </message>
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
        <location filename="../../workbench/ui/panes/queue_view.py" line="122"/>
        <source>%1 条</source>
        <translation>%1 rows</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/panes/queue_view.py" line="4"/>
        <source>显示静音与暂缓的案件</source>
        <translation>Show muted and snoozed cases</translation>
    </message>
</context>
<context>
    <name>RatesTab</name>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="259"/>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="260"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="261"/>
        <source>已判定</source>
        <translation>Decided</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="262"/>
        <source>不成立</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="263"/>
        <source>不成立比例</source>
        <translation>Dismissed share</translation>
    </message>
</context>
<context>
    <name>ReplyDialog</name>
    <message>
        <location filename="../../workbench/ui/dialogs/reply.py" line="46"/>
        <source>按案件状态自动选择</source>
        <extracomment>preview(template | None, language) -&gt; list of drafts (raises WorkbenchError)</extracomment>
        <translation>Chosen by the case&apos;s state</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/reply.py" line="70"/>
        <source>模板</source>
        <translation>Template</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/reply.py" line="71"/>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/reply.py" line="72"/>
        <source>收件人</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/reply.py" line="73"/>
        <source>主题</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/reply.py" line="112"/>
        <source>没有需要回复的收件人</source>
        <translation>Nobody left to reply to</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/reply.py" line="117"/>
        <source>%1 位：%2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>ReportList</name>
    <message>
        <location filename="../../workbench/ui/widgets/reports.py" line="127"/>
        <source>没有举报</source>
        <translation>No reports</translation>
    </message>
</context>
<context>
    <name>ReportWidget</name>
    <message>
        <location filename="../../workbench/ui/widgets/reports.py" line="81"/>
        <source>可信度未知</source>
        <translation>credibility unknown</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/reports.py" line="84"/>
        <source>可信度 %1（举报 %2 次，成立 %3 次，不予受理 %4 次）</source>
        <translation>credibility %1 (%2 reports, %3 upheld, %4 declined)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/reports.py" line="50"/>
        <location filename="../../workbench/ui/widgets/reports.py" line="90"/>
        <source>匿名</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/reports.py" line="52"/>
        <source>举报人「%1」的联系方式</source>
        <translation>contact of reporter “%1”</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/reports.py" line="62"/>
        <source>疑似恶意举报</source>
        <translation>Possibly malicious report</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/reports.py" line="65"/>
        <source>（无文字）</source>
        <translation>(no text)</translation>
    </message>
</context>
<context>
    <name>RevealButton</name>
    <message>
        <location filename="../../workbench/ui/widgets/personal.py" line="26"/>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/personal.py" line="27"/>
        <source>显示完整内容（须说明理由，记入审计日志）</source>
        <translation>Show in full (needs a reason; recorded in the audit log)</translation>
    </message>
</context>
<context>
    <name>RevealDialog</name>
    <message>
        <location filename="../../workbench/ui/dialogs/reveal.py" line="46"/>
        <source>查看完整个人信息</source>
        <translation>Show personal data in full</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/reveal.py" line="48"/>
        <source>将显示%1的完整内容。</source>
        <translation>This shows in full: %1.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/reveal.py" line="52"/>
        <source>此次查看将记入审计日志：查看人、字段和理由（不记录内容本身）。</source>
        <translation>This is recorded in the audit log: who looked, which field and why (never the value itself).</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/reveal.py" line="59"/>
        <source>查看理由（必填）</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/reveal.py" line="65"/>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/reveal.py" line="78"/>
        <source>请说明查看理由，否则不能显示。</source>
        <translation>Say why you need to see it; without a reason nothing is shown.</translation>
    </message>
</context>
<context>
    <name>Revealer</name>
    <message>
        <location filename="../../workbench/ui/dialogs/reveal.py" line="137"/>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
</context>
<context>
    <name>ReviewersTab</name>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/reviewers.py" line="38"/>
        <location filename="../../workbench/ui/admin/reviewers.py" line="74"/>
        <source>登录名</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/reviewers.py" line="38"/>
        <location filename="../../workbench/ui/admin/reviewers.py" line="75"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/reviewers.py" line="38"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/reviewers.py" line="38"/>
        <location filename="../../workbench/ui/admin/reviewers.py" line="77"/>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/reviewers.py" line="58"/>
        <source>停用理由</source>
        <translation>Reason for disabling</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/reviewers.py" line="62"/>
        <source>新增审核员</source>
        <translation>Add reviewer</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/reviewers.py" line="63"/>
        <source>设置角色</source>
        <translation>Set roles</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/reviewers.py" line="64"/>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/reviewers.py" line="65"/>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/reviewers.py" line="66"/>
        <location filename="../../workbench/ui/admin/reviewers.py" line="96"/>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/reviewers.py" line="76"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/reviewers.py" line="78"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/reviewers.py" line="96"/>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/reviewers.py" line="128"/>
        <source>已新增审核员 %1</source>
        <translation>Added reviewer %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/reviewers.py" line="135"/>
        <source>已设置 %1 的角色</source>
        <translation>Set the roles of %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/reviewers.py" line="143"/>
        <source>已重置 %1 的密码</source>
        <translation>Reset the password of %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/reviewers.py" line="150"/>
        <source>已启用 %1</source>
        <translation>Enabled %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/reviewers.py" line="150"/>
        <source>已停用 %1</source>
        <translation>Disabled %1</translation>
    </message>
    <message>
        <source>已启用</source>
        <translation>Enabled</translation>
    </message>
</context>
<context>
    <name>SavedFilters</name>
    <message>
        <location filename="../../workbench/ui/widgets/saved_filters.py" line="6"/>
        <source>保存当前筛选</source>
        <translation>Save the current filter</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/saved_filters.py" line="6"/>
        <source>保存当前筛选…</source>
        <translation>Save the current filter…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/saved_filters.py" line="6"/>
        <source>删除筛选</source>
        <translation>Delete a filter</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/saved_filters.py" line="106"/>
        <source>名称（同名的筛选将被替换）：</source>
        <translation>Name (a filter of the same name is replaced):</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/saved_filters.py" line="97"/>
        <source>筛选：%1（已应用）</source>
        <translation>Filters: %1 (applied)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/saved_filters.py" line="97"/>
        <source>筛选：已保存的筛选、显示静音与暂缓的案件</source>
        <translation>Filters: saved filters, showing muted and snoozed cases</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>直连 PostgreSQL（仅数据库管理员）</source>
        <translation>PostgreSQL directly (database owner only)</translation>
    </message>
    <message>
        <source>本机（SQLite 文件）</source>
        <translation>This computer (an SQLite file)</translation>
    </message>
    <message>
        <source>服务器</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>团队服务器</source>
        <translation>Team server</translation>
    </message>
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
        <location filename="../../workbench/ui/dialogs/settings.py" line="85"/>
        <source>更换语言后，工作台以新语言重新打开，仍停留在当前案件；更换连接后需重新登录。</source>
        <translation>After a change of language the workbench reopens in it at the same place and case; after a change of connection, sign in again.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/settings.py" line="97"/>
        <source>选择数据库文件</source>
        <translation>Choose the database file</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>连接设置…</source>
        <translation>Connection settings…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/sign_in.py" line="41"/>
        <source>登录 — 账号信息投诉举报工作台</source>
        <translation>Sign in — Account information complaints workbench</translation>
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
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>服务器</source>
        <translation>Server</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <location filename="../../workbench/ui/tasks.py" line="132"/>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/tasks.py" line="133"/>
        <source>正在处理…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/tasks.py" line="138"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>TemplatesTab</name>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="162"/>
        <source>模板原文</source>
        <translation>Template source</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/other.py" line="164"/>
        <source>示例预览</source>
        <translation>Sample preview</translation>
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
        <location filename="../../workbench/ui/widgets/timeline.py" line="30"/>
        <source>时间（北京时间）</source>
        <translation>Time (Beijing)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/timeline.py" line="30"/>
        <source>事件</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/timeline.py" line="30"/>
        <source>详情</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <source>无法连接</source>
        <translation>Cannot connect</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/app.py" line="76"/>
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
<context>
    <name>measures</name>
    <message>
        <location filename="../../workbench/ui/dialogs/measures.py" line="44"/>
        <source>（%1 天）</source>
        <translation> (%1 days)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/measures.py" line="50"/>
        <source>（%1 个工作日内改正）</source>
        <translation> (correct within %1 working days)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/dialogs/measures.py" line="56"/>
        <source>需主管审批</source>
        <translation>needs a supervisor&apos;s approval</translation>
    </message>
</context>
<context>
    <name>DeadLettersTab</name>
    <message>
        <location filename="../../workbench/ui/admin/outbox.py" line="34"/>
        <source>接口客户端</source>
        <translation>API client</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/outbox.py" line="35"/>
        <source>消息</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/outbox.py" line="36"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/outbox.py" line="37"/>
        <source>尝试次数</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/outbox.py" line="38"/>
        <source>最后的错误</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/outbox.py" line="39"/>
        <source>生成时间</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/outbox.py" line="46"/>
        <source>放弃的理由（必填）</source>
        <translation>Why discard it (required)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/outbox.py" line="47"/>
        <source>重新发送</source>
        <translation>Send again</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/outbox.py" line="50"/>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/outbox.py" line="84"/>
        <source>请先选择一条消息</source>
        <translation>Select a message first</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/outbox.py" line="91"/>
        <source>已重新排队，将以同一投递编号再次发送</source>
        <translation>Queued again; it is sent again under the same delivery id</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/outbox.py" line="103"/>
        <source>请填写放弃的理由</source>
        <translation>Give a reason for discarding it</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/outbox.py" line="106"/>
        <source>已放弃该消息</source>
        <translation>The message was discarded</translation>
    </message>
</context>
<context>
    <name>AppealTableModel</name>
    <message>
        <source>截止时间</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>申诉编号</source>
        <translation>Appeal</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>原措施</source>
        <translation>Original measure</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>收到时间</source>
        <translation>Received</translation>
    </message>
</context>
<context>
    <name>WindowLayout</name>
    <message>
        <source>显示账号卡片</source>
        <translation>Show the account card</translation>
    </message>
    <message>
        <source>案件占满高度</source>
        <translation>Case at full height</translation>
    </message>
</context>
<context>
    <name>AppealIntakeDialog</name>
    <message>
        <source>%1（%2）· 处置生效后 %3 日内可申诉</source>
        <translation>%1 (%2) · may be appealed within %3 days of a measure taking effect</translation>
    </message>
    <message>
        <source>M%1 · %2 · %3 · %4 · 可申诉至 %5</source>
        <translation>M%1 · %2 · %3 · %4 · appealable until %5</translation>
    </message>
    <message>
        <source>收到时间（北京时间）</source>
        <translation>Received (Beijing time)</translation>
    </message>
    <message>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>申诉人</source>
        <translation>Appellant</translation>
    </message>
    <message>
        <source>申诉人陈述的理由</source>
        <translation>The appellant's statement</translation>
    </message>
    <message>
        <source>申诉的处置</source>
        <translation>Measure appealed</translation>
    </message>
    <message>
        <source>登记申诉（电话、信函等渠道）</source>
        <translation>Enter an appeal (by phone, letter, …)</translation>
    </message>
    <message>
        <source>联系方式</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>该账号没有已生效的处置</source>
        <translation>The account has no measure that took effect</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>选填：电话或邮箱，用于答复</source>
        <translation>Optional: phone or e-mail for the answer</translation>
    </message>
    <message>
        <source>（已有未结申诉 A%1）</source>
        <translation> (appeal A%1 already open)</translation>
    </message>
</context>
<context>
    <name>ApprovalBox</name>
    <message>
        <source>%1
依据：%2
理由：%3
提议：%4 · %5</source>
        <translation>%1
Basis: %2
Reason: %3
Proposed by %4 · %5</translation>
    </message>
    <message>
        <source>同意</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>审批意见（驳回时必填）</source>
        <translation>Decision note (required to reject)</translation>
    </message>
    <message>
        <source>已批准处置 M%1（%2）</source>
        <translation>Measure M%1 approved (%2)</translation>
    </message>
    <message>
        <source>已驳回处置 M%1（%2）</source>
        <translation>Measure M%1 rejected (%2)</translation>
    </message>
    <message>
        <source>待审批的处置</source>
        <translation>Measures awaiting approval</translation>
    </message>
    <message>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>证据：举报 %1 份，附件 %2 个，规则命中 %3 条</source>
        <translation>Evidence: %1 reports, %2 attachments, %3 rule hits</translation>
    </message>
    <message>
        <source>请先选择一项待审批的处置</source>
        <translation>Choose a measure awaiting approval first</translation>
    </message>
    <message>
        <source>驳回</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>驳回须填写审批意见</source>
        <translation>A rejection needs a decision note</translation>
    </message>
</context>
<context>
    <name>CaseExtras</name>
    <message>
        <source>已将通知 %1 放入发件箱</source>
        <translation>Notice %1 is in the outbox</translation>
    </message>
</context>
<context>
    <name>ChangeRequestIntakeDialog</name>
    <message>
        <source>变更字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>当前值</source>
        <translation>Current value</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>申请变更为</source>
        <translation>Change to</translation>
    </message>
    <message>
        <source>登记账号信息变更申请</source>
        <translation>Enter a change of account information</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>选填：申请人说明的理由</source>
        <translation>Optional: the holder's reason</translation>
    </message>
</context>
<context>
    <name>HolderNoticeDialog</name>
    <message>
        <source>主题</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>信息变更结果 #%1：%2</source>
        <translation>Change request #%1: %2</translation>
    </message>
    <message>
        <source>发送</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>处置 M%1：%2</source>
        <translation>Measure M%1: %2</translation>
    </message>
    <message>
        <source>收件人</source>
        <translation>To</translation>
    </message>
    <message>
        <source>此案件没有需要通知账号运营者的事项</source>
        <translation>This case has nothing to tell the account holder</translation>
    </message>
    <message>
        <source>申诉决定 A%1：%2</source>
        <translation>Appeal decision A%1: %2</translation>
    </message>
    <message>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>通知事项</source>
        <translation>Notice about</translation>
    </message>
    <message>
        <source>通知账号运营者 · 案件 %1</source>
        <translation>Notify the account holder · case %1</translation>
    </message>
    <message>
        <source>限期改正 %1：%2</source>
        <translation>Correction order %1: %2</translation>
    </message>
    <message>
        <source>（已通知 %1 次）</source>
        <translation> (told %1 times)</translation>
    </message>
    <message>
        <source>（未留联系方式，经平台转达）</source>
        <translation>(no contact given: passed on by the platform)</translation>
    </message>
</context>
<context>
    <name>IntakeMenu</name>
    <message>
        <source>变更申请 #%1 命中 %2 条规则，已转入信息变更审核</source>
        <translation>Change request #%1 hit %2 rules and waits in the change-request review</translation>
    </message>
    <message>
        <source>变更申请 #%1 未命中规则，已生效</source>
        <translation>Change request #%1 hit no rule and is in effect</translation>
    </message>
    <message>
        <source>已登记申诉 A%1，复核时限自收到时起算</source>
        <translation>Appeal A%1 entered; its time limit runs from receipt</translation>
    </message>
    <message>
        <source>登记(&amp;R)</source>
        <translation>&amp;Register</translation>
    </message>
    <message>
        <source>登记信息变更申请…</source>
        <translation>Enter a change request…</translation>
    </message>
    <message>
        <source>登记申诉…</source>
        <translation>Enter an appeal…</translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <source>账号的平台编号</source>
        <translation>The account's platform id</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Look up</translation>
    </message>
</context>
<context>
    <name>CreditGradesTab</name>
    <message>
        <location filename="../../workbench/ui/admin/credit.py" line="37"/>
        <source>各等级最低信用分</source>
        <translation>Lowest credit score of each grade</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/credit.py" line="48"/>
        <source>各等级受限的功能</source>
        <translation>Functions each grade restricts</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/credit.py" line="59"/>
        <source>保存并重新评级</source>
        <translation>Save and regrade</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/credit.py" line="89"/>
        <source>已保存：%1 个账号的等级或受限功能随之改变</source>
        <translation>Saved: %1 accounts changed grade or restrictions</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/admin/credit.py" line="94"/>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../workbench/ui/widgets/notes_panel.py" line="65"/>
        <source>新建标签…</source>
        <translation>New tag…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/notes_panel.py" line="67"/>
        <source>在团队的标签列表中添加一个标签（主管、管理员）</source>
        <translation>Add a tag to the team's list (supervisors, administrators)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/notes_panel.py" line="223"/>
        <source>新建标签</source>
        <translation>New tag</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/notes_panel.py" line="223"/>
        <source>标签名（最多 24 字，全队共用）：</source>
        <translation>Tag name (at most 24 characters, shared by the team):</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/notes_panel.py" line="230"/>
        <source>已新建标签：%1</source>
        <translation>Tag created: %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/notes_panel.py" line="110"/>
        <source>%1 / %2 字</source>
        <translation>%1 / %2 characters</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/notes_panel.py" line="144"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/notes_panel.py" line="75"/>
        <source>内部备注，仅审核人员可见，不会出现在回复、通知或报送中</source>
        <translation>Internal note: seen by reviewers only, never in replies, notices or reports</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/notes_panel.py" line="60"/>
        <source>加标签</source>
        <translation>Add tag</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/notes_panel.py" line="56"/>
        <source>去掉标签</source>
        <translation>Remove tag</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/notes_panel.py" line="164"/>
        <source>备注内容为空</source>
        <translation>The note is empty</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/notes_panel.py" line="181"/>
        <source>备注已添加</source>
        <translation>Note added</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/notes_panel.py" line="80"/>
        <source>备注本案件</source>
        <translation>Note on this case</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/notes_panel.py" line="81"/>
        <source>备注该账号</source>
        <translation>Note on this account</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/notes_panel.py" line="169"/>
        <source>备注过长：%1 字，最多 %2 字</source>
        <translation>The note is too long: %1 characters, at most %2</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/notes_panel.py" line="200"/>
        <source>已加标签：%1</source>
        <translation>Tagged: %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/notes_panel.py" line="200"/>
        <source>已去掉标签：%1</source>
        <translation>Tag removed: %1</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/notes_panel.py" line="53"/>
        <source>标签：</source>
        <translation>Tags:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/notes_panel.py" line="142"/>
        <source>案件</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/notes_panel.py" line="83"/>
        <source>添加备注 (Ctrl+Alt+N)</source>
        <translation>Add note (Ctrl+Alt+N)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/widgets/notes_panel.py" line="142"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
</context>
<context>
    <name>PublicFiguresTab</name>
    <message>
        <source>不在有效期内</source>
        <translation>Not valid today</translation>
    </message>
    <message>
        <source>别名</source>
        <translation>Other names</translation>
    </message>
    <message>
        <source>别名，用逗号或顿号分隔</source>
        <translation>Other names, separated by commas</translation>
    </message>
    <message>
        <source>加入</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>加入名单</source>
        <translation>Add to the list</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>已加入名单</source>
        <translation>Added to the list</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>已撤回授权</source>
        <translation>Authorisation withdrawn</translation>
    </message>
    <message>
        <source>已登记授权</source>
        <translation>Authorisation recorded</translation>
    </message>
    <message>
        <source>已移出名单</source>
        <translation>Taken off the list</translation>
    </message>
    <message>
        <source>授权对象</source>
        <translation>Authorised</translation>
    </message>
    <message>
        <source>授权文件</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>授权文件编号</source>
        <translation>Authorisation document reference</translation>
    </message>
    <message>
        <source>撤回所选授权</source>
        <translation>Withdraw chosen</translation>
    </message>
    <message>
        <source>撤回授权或移出名单的理由（必填）</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>有效授权</source>
        <translation>Valid authorisations</translation>
    </message>
    <message>
        <source>有效期</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>注册主体</source>
        <translation>Registered subject</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>登记授权</source>
        <translation>Record authorisation</translation>
    </message>
    <message>
        <source>登记授权（所选名称）</source>
        <translation>Authorise (chosen name)</translation>
    </message>
    <message>
        <source>移出名单</source>
        <translation>Take off list</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>请先在名单中选择一个名称</source>
        <translation>Choose a name in the list first</translation>
    </message>
    <message>
        <source>请先选择一项授权</source>
        <translation>Choose an authorisation first</translation>
    </message>
    <message>
        <source>请填写理由</source>
        <translation>Give a reason</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>账号编号或主体编号</source>
        <translation>Account ID or subject ID</translation>
    </message>
    <message>
        <source>长期</source>
        <translation>open-ended</translation>
    </message>
    <message>
        <source>长期有效</source>
        <translation>No end date</translation>
    </message>
</context>
<context>
    <name>RegulatorOrderDialog</name>
    <message>
        <source>发文日期</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>发文机关</source>
        <translation>Issuing body</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>按监管要求立即执行：%1。监管要求即为依据，不再等待主管审批；文号、机关和日期随措施记录，并在报送监管的报告中标明。</source>
        <translation>Carried out at once on the regulator's order: %1. The order is the authority, so it does not wait for a supervisor's approval; the reference, body and date are kept with the measure and shown in the regulator's report.</translation>
    </message>
</context>
<context>
    <name>RegulatorReportsPage</name>
    <message>
        <source>命令行</source>
        <translation>Command line</translation>
    </message>
    <message>
        <source>导出报送报告</source>
        <translation>Export the regulator's report</translation>
    </message>
    <message>
        <source>导出报送报告…</source>
        <translation>Export the regulator's report…</translation>
    </message>
    <message>
        <source>已导出并登记：%1</source>
        <translation>Exported and logged: %1</translation>
    </message>
    <message>
        <source>报送人</source>
        <translation>Made by</translation>
    </message>
    <message>
        <source>措施数</source>
        <translation>Measures</translation>
    </message>
    <message>
        <source>文件 SHA-256</source>
        <translation>File SHA-256</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>From</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>桌面</source>
        <translation>Desktop</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>生成时间</source>
        <translation>Made at</translation>
    </message>
    <message>
        <source>（含完整个人信息）</source>
        <translation> (personal data in full)</translation>
    </message>
</context>
<context>
    <name>RumourDialog</name>
    <message>
        <source>将认定为制作发布谣言（2021/13）并处置：列入黑名单，须另一位主管审批后生效。</source>
        <translation>Will find rumour-spreading (2021/13) and blacklist the account, in effect once another supervisor approves.</translation>
    </message>
    <message>
        <source>将认定为制作发布谣言（2021/13）并降低账号信用等级一级，随之受限的功能按新等级执行。</source>
        <translation>Will find rumour-spreading (2021/13) and lower the account's credit grade one step; the lower grade's restrictions apply.</translation>
    </message>
    <message>
        <source>应对</source>
        <translation>Response</translation>
    </message>
    <message>
        <source>溯源</source>
        <translation>Trace</translation>
    </message>
    <message>
        <source>溯源：谣言从何而来</source>
        <translation>Trace: where the rumour came from</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>辟谣</source>
        <translation>Debunk</translation>
    </message>
    <message>
        <source>辟谣：发布了什么更正、在哪里（必填）</source>
        <translation>Debunk: what correction was published, where (required)</translation>
    </message>
</context>
<context>
    <name>RegulationActions</name>
    <message>
        <source>谣言处置 · 案件 %1</source>
        <translation>Rumour · case %1</translation>
    </message>
    <message>
        <source>已认定案件 %1 为谣言并处置（2021/13）</source>
        <translation>Case %1: rumour found and responded to (2021/13)</translation>
    </message>
    <message>
        <source>监管要求的处置 · 案件 %1</source>
        <translation>Regulator's order · case %1</translation>
    </message>
    <message>
        <source>已按监管要求处置案件 %1（2022/21）</source>
        <translation>Case %1: the regulator's order carried out (2022/21)</translation>
    </message>
</context>
</TS>
