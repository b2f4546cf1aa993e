<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>用户名（开头几个字符即可）</source>
        <translation>User name (first few characters suffice)</translation>
    </message>
    <message>
        <source>全部部门</source>
        <translation>All departments</translation>
    </message>
    <message>
        <source>全部操作</source>
        <translation>All operations</translation>
    </message>
    <message>
        <source>全部对象</source>
        <translation>All objects</translation>
    </message>
    <message>
        <source>对象编号</source>
        <translation>Object ID</translation>
    </message>
    <message>
        <source>全部结果</source>
        <translation>All results</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>清除条件</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>登录失败</source>
        <translation>Login failed</translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation>Log Out</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>Change Password</translation>
    </message>
    <message>
        <source>越权访问被拒绝</source>
        <translation>Unauthorized access denied</translation>
    </message>
    <message>
        <source>创建用户</source>
        <translation>Create user</translation>
    </message>
    <message>
        <source>修改用户</source>
        <translation>Modify user</translation>
    </message>
    <message>
        <source>解锁用户</source>
        <translation>Unlock user</translation>
    </message>
    <message>
        <source>重置用户密码</source>
        <translation>Reset user password</translation>
    </message>
    <message>
        <source>修改密码策略</source>
        <translation>Modify password policy</translation>
    </message>
    <message>
        <source>创建部门</source>
        <translation>Create department</translation>
    </message>
    <message>
        <source>修改部门</source>
        <translation>Modify department</translation>
    </message>
    <message>
        <source>资源管理员备案</source>
        <translation>Resource Administrator Filing</translation>
    </message>
    <message>
        <source>撤销资源管理员备案</source>
        <translation>Revoke resource administrator filing</translation>
    </message>
    <message>
        <source>查阅审计日志</source>
        <translation>View audit log</translation>
    </message>
    <message>
        <source>导出审计日志</source>
        <translation>Export audit log</translation>
    </message>
    <message>
        <source>校验审计链</source>
        <translation>Verify audit chain</translation>
    </message>
    <message>
        <source>创建审计检查点</source>
        <translation>Create audit checkpoint</translation>
    </message>
    <message>
        <source>清理已归档审计日志</source>
        <translation>Purge archived audit logs</translation>
    </message>
    <message>
        <source>修改平台策略</source>
        <translation>Modify platform policy</translation>
    </message>
    <message>
        <source>设置工作日调整</source>
        <translation>Set working day adjustment</translation>
    </message>
    <message>
        <source>删除工作日调整</source>
        <translation>Delete working day adjustment</translation>
    </message>
    <message>
        <source>确认工作日安排</source>
        <translation>Confirm working-day schedule</translation>
    </message>
    <message>
        <source>撤销工作日安排确认</source>
        <translation>Withdraw working-day schedule confirmation</translation>
    </message>
    <message>
        <source>添加协议模板</source>
        <translation>Add agreement template</translation>
    </message>
    <message>
        <source>新建目录条目</source>
        <translation>New catalog entry</translation>
    </message>
    <message>
        <source>修改目录条目</source>
        <translation>Modify catalog entry</translation>
    </message>
    <message>
        <source>删除目录条目</source>
        <translation>Delete catalog entry</translation>
    </message>
    <message>
        <source>添加目录附件</source>
        <translation>Add catalog attachment</translation>
    </message>
    <message>
        <source>删除目录附件</source>
        <translation>Delete catalog attachment</translation>
    </message>
    <message>
        <source>检索共享目录</source>
        <translation>Search shared catalog</translation>
    </message>
    <message>
        <source>提交变更报告</source>
        <translation>Submit change report</translation>
    </message>
    <message>
        <source>采纳变更报告</source>
        <translation>Accept change report</translation>
    </message>
    <message>
        <source>驳回变更报告</source>
        <translation>Reject change report</translation>
    </message>
    <message>
        <source>新建共享申请</source>
        <translation>New sharing request</translation>
    </message>
    <message>
        <source>修改共享申请</source>
        <translation>Modify sharing request</translation>
    </message>
    <message>
        <source>共享申请超期</source>
        <translation>Sharing request overdue</translation>
    </message>
    <message>
        <source>共享申请超期上报</source>
        <translation>Escalate overdue sharing request</translation>
    </message>
    <message>
        <source>超期申请检查</source>
        <translation>Overdue request check</translation>
    </message>
    <message>
        <source>撤销授权</source>
        <translation>Revoke authorization</translation>
    </message>
    <message>
        <source>授权到期</source>
        <translation>Authorization expired</translation>
    </message>
    <message>
        <source>授权到期检查</source>
        <translation>Authorization expiry check</translation>
    </message>
    <message>
        <source>签署协议</source>
        <translation>Sign agreement</translation>
    </message>
    <message>
        <source>拒签协议</source>
        <translation>Decline to sign agreement</translation>
    </message>
    <message>
        <source>协议签名被拒</source>
        <translation>Agreement signature rejected</translation>
    </message>
    <message>
        <source>签发证书</source>
        <translation>Issue certificate</translation>
    </message>
    <message>
        <source>吊销证书</source>
        <translation>Revoke certificate</translation>
    </message>
    <message>
        <source>导出访问日志</source>
        <translation>Export access log</translation>
    </message>
    <message>
        <source>清理访问日志</source>
        <translation>Purge access log</translation>
    </message>
    <message>
        <source>发起使用情况询问</source>
        <translation>Initiate usage inquiry</translation>
    </message>
    <message>
        <source>提出数据异议</source>
        <translation>Raise data objection</translation>
    </message>
    <message>
        <source>开启考核</source>
        <translation>Start assessment</translation>
    </message>
    <message>
        <source>重新计算考核</source>
        <translation>Recalculate assessment</translation>
    </message>
    <message>
        <source>发布考核结果</source>
        <translation>Publish assessment results</translation>
    </message>
    <message>
        <source>调整考核结果</source>
        <translation>Adjust assessment results</translation>
    </message>
    <message>
        <source>下发整改通知</source>
        <translation>Issue rectification notice</translation>
    </message>
    <message>
        <source>定时维护</source>
        <translation>Scheduled maintenance</translation>
    </message>
    <message>
        <source>一致性检查</source>
        <translation>Consistency check</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>目录条目</source>
        <translation>Catalog entry</translation>
    </message>
    <message>
        <source>变更报告</source>
        <translation>Change report</translation>
    </message>
    <message>
        <source>使用情况询问</source>
        <translation>Usage inquiry</translation>
    </message>
    <message>
        <source>数据异议</source>
        <translation>Data objection</translation>
    </message>
    <message>
        <source>整改通知</source>
        <translation>Rectification notice</translation>
    </message>
    <message>
        <source>共享申请</source>
        <translation>Sharing request</translation>
    </message>
    <message>
        <source>协议</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>部门审核通过</source>
        <translation>Approved by department</translation>
    </message>
    <message>
        <source>部门退回</source>
        <translation>Returned by department</translation>
    </message>
    <message>
        <source>发布</source>
        <translation>Publish</translation>
    </message>
    <message>
        <source>平台退回</source>
        <translation>Returned by platform</translation>
    </message>
    <message>
        <source>提供方决定</source>
        <translation>Provider decision</translation>
    </message>
    <message>
        <source>平台决定</source>
        <translation>Platform decision</translation>
    </message>
    <message>
        <source>提出争议</source>
        <translation>Raise dispute</translation>
    </message>
    <message>
        <source>协调</source>
        <translation>Coordinate</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <source>答复</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>接受</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>裁决</source>
        <translation>Adjudicate</translation>
    </message>
    <message>
        <source>更正</source>
        <translation>Correct</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Explain</translation>
    </message>
    <message>
        <source>上传证明材料</source>
        <translation>Upload supporting documents</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Modify</translation>
    </message>
    <message>
        <source>下发</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>授权</source>
        <translation>Authorization</translation>
    </message>
    <message>
        <source>协议模板</source>
        <translation>Agreement template</translation>
    </message>
    <message>
        <source>签名证书</source>
        <translation>Signing certificate</translation>
    </message>
    <message>
        <source>考核</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>平台策略</source>
        <translation>Platform Policy</translation>
    </message>
    <message>
        <source>密码策略</source>
        <translation>Password Policy</translation>
    </message>
    <message>
        <source>工作日</source>
        <translation>Working day</translation>
    </message>
    <message>
        <source>工作日年度</source>
        <translation>Working-day year</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit Log</translation>
    </message>
    <message>
        <source>成功</source>
        <translation>Succeeded</translation>
    </message>
    <message>
        <source>拒绝</source>
        <translation>Denied</translation>
    </message>
    <message>
        <source>失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>中断</source>
        <translation>Interrupted</translation>
    </message>
    <message>
        <source>缺少事件（序号不连续）</source>
        <translation>Missing events (non-consecutive sequence numbers)</translation>
    </message>
    <message>
        <source>与前一事件的哈希链接断开</source>
        <translation>Hash link to previous event broken</translation>
    </message>
    <message>
        <source>事件内容被改动</source>
        <translation>Event content altered</translation>
    </message>
    <message>
        <source>链头记录被删除</source>
        <translation>Chain head record deleted</translation>
    </message>
    <message>
        <source>最后的若干事件被删除</source>
        <translation>Last events deleted</translation>
    </message>
    <message>
        <source>检查点由其他密钥签署</source>
        <translation>Checkpoint signed by a different key</translation>
    </message>
    <message>
        <source>检查点签名无效</source>
        <translation>Invalid checkpoint signature</translation>
    </message>
    <message>
        <source>链头早于检查点：有事件被删除</source>
        <translation>Chain head predates checkpoint: events were deleted</translation>
    </message>
    <message>
        <source>检查点所指事件已被清理，且之后没有新的检查点</source>
        <translation>Event referenced by checkpoint was purged and no later checkpoint exists</translation>
    </message>
    <message>
        <source>链的起点与检查点不符</source>
        <translation>Chain start does not match checkpoint</translation>
    </message>
    <message>
        <source>检查点所指事件缺失</source>
        <translation>Event referenced by checkpoint is missing</translation>
    </message>
    <message>
        <source>检查点所指事件的哈希不同：审计日志被重写</source>
        <translation>Hash of event referenced by checkpoint differs: audit log was rewritten</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>客户端地址</source>
        <translation>Client address</translation>
    </message>
    <message>
        <source>统计总数</source>
        <translation>Total count</translation>
    </message>
    <message>
        <source>统计符合条件的事件总数（数据量大时较慢）</source>
        <translation>Count total matching events (slow for large data sets)</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>CSV 文件…</source>
        <translation>CSV file…</translation>
    </message>
    <message>
        <source>Excel 工作簿…</source>
        <translation>Excel workbook…</translation>
    </message>
    <message>
        <source>签名导出包（可独立校验）…</source>
        <translation>Signed export package (independently verifiable)…</translation>
    </message>
    <message>
        <source>取消导出</source>
        <translation>Cancel export</translation>
    </message>
    <message>
        <source>正在加载……</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>没有符合条件的审计事件。</source>
        <translation>No matching audit events.</translation>
    </message>
    <message>
        <source>共 %1 条</source>
        <translation>%1 total</translation>
    </message>
    <message>
        <source>已加载 %1 条，向下滚动加载更早的事件</source>
        <translation>%1 loaded; scroll down to load earlier events</translation>
    </message>
    <message>
        <source>加载失败</source>
        <translation>Failed to load</translation>
    </message>
    <message>
        <source>符合条件的事件共 %1 条（已加载 %2 条）</source>
        <translation>%1 matching events (%2 loaded)</translation>
    </message>
    <message>
        <source>（北京时间）</source>
        <translation>(Beijing time)</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>签名导出包 (*.zip)</source>
        <translation>Signed export packages (*.zip)</translation>
    </message>
    <message>
        <source>正在导出到 %1…</source>
        <translation>Exporting to %1…</translation>
    </message>
    <message>
        <source>已导出到 %1</source>
        <translation>Exported to %1</translation>
    </message>
    <message>
        <source>已取消导出。</source>
        <translation>Export canceled.</translation>
    </message>
    <message>
        <source>截至序号</source>
        <translation>Up to sequence no.</translation>
    </message>
    <message>
        <source>签署时间</source>
        <translation>Signed at</translation>
    </message>
    <message>
        <source>密钥标识</source>
        <translation>Key ID</translation>
    </message>
    <message>
        <source>链头哈希</source>
        <translation>Chain head hash</translation>
    </message>
    <message>
        <source>校验审计日志的哈希链是否完整，并与最近一次签名检查点比对：删除、篡改、截断或整体替换审计记录都会被发现。</source>
        <translation>Verify the integrity of the audit log hash chain and compare it with the latest signed checkpoint: deletion, tampering, truncation or wholesale replacement of audit records will be detected.</translation>
    </message>
    <message>
        <source>立即校验</source>
        <translation>Verify now</translation>
    </message>
    <message>
        <source>校验结果</source>
        <translation>Verification result</translation>
    </message>
    <message>
        <source>已校验事件数</source>
        <translation>Events verified</translation>
    </message>
    <message>
        <source>校验范围</source>
        <translation>Verification range</translation>
    </message>
    <message>
        <source>首个断点</source>
        <translation>First break</translation>
    </message>
    <message>
        <source>最近签名检查点</source>
        <translation>Latest signed checkpoint</translation>
    </message>
    <message>
        <source>外部锚定</source>
        <translation>External anchoring</translation>
    </message>
    <message>
        <source>校验时间</source>
        <translation>Verified at</translation>
    </message>
    <message>
        <source>签名检查点</source>
        <translation>Signed checkpoints</translation>
    </message>
    <message>
        <source>检查点用数据库之外保管的密钥签署链头，随每次备份导出；平台也会定期自动创建。</source>
        <translation>Checkpoints sign the chain head with a key kept outside the database and are exported with every backup; the platform also creates them automatically on a regular schedule.</translation>
    </message>
    <message>
        <source>立即创建检查点</source>
        <translation>Create checkpoint now</translation>
    </message>
    <message>
        <source>尚无签名检查点。配置审计密钥（govshare-platform audit init-key）后，平台会定期签署。</source>
        <translation>No signed checkpoints yet. After the audit key is configured (govshare-platform audit init-key), the platform will sign checkpoints periodically.</translation>
    </message>
    <message>
        <source>尚未校验。点击“立即校验”检查审计链。</source>
        <translation>Not yet verified. Click “Verify now” to check the audit chain.</translation>
    </message>
    <message>
        <source>正在校验审计链……（事件较多时需要一些时间）</source>
        <translation>Verifying audit chain… (this may take a while with many events)</translation>
    </message>
    <message>
        <source>无法校验：%1</source>
        <translation>Unable to verify: %1</translation>
    </message>
    <message>
        <source>审计链已损坏：序号 %1 处断开</source>
        <translation>Audit chain broken: break at sequence no. %1</translation>
    </message>
    <message>
        <source>审计链与最近签名检查点不符：记录可能被截断、删除或重写</source>
        <translation>Audit chain does not match the latest signed checkpoint: records may have been truncated, deleted or rewritten</translation>
    </message>
    <message>
        <source>审计链已损坏</source>
        <translation>Audit chain broken</translation>
    </message>
    <message>
        <source>审计链完整，但未外部锚定（未配置检查点密钥）。</source>
        <translation>Audit chain intact, but not externally anchored (no checkpoint key configured).</translation>
    </message>
    <message>
        <source>审计链完整，并与最近签名检查点一致。</source>
        <translation>Audit chain intact and consistent with the latest signed checkpoint.</translation>
    </message>
    <message>
        <source>从序号 %1 之后（更早的已归档清理）到链头序号 %2</source>
        <translation>From after sequence no. %1 (earlier records archived and purged) to chain head sequence no. %2</translation>
    </message>
    <message>
        <source>从第一条到链头序号 %1</source>
        <translation>From the first record to chain head sequence no. %1</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>序号 %1</source>
        <translation>Sequence no. %1</translation>
    </message>
    <message>
        <source>已配置检查点密钥</source>
        <translation>Checkpoint key configured</translation>
    </message>
    <message>
        <source>未配置检查点密钥：审计链只能与自身比对，无法发现整体重写或清空。</source>
        <translation>No checkpoint key configured: the audit chain can only be checked against itself, so wholesale rewriting or clearing cannot be detected.</translation>
    </message>
    <message>
        <source>尚无签名检查点</source>
        <translation>No signed checkpoints yet</translation>
    </message>
    <message>
        <source>序号 %1，%2 签署</source>
        <translation>Sequence no. %1, signed %2</translation>
    </message>
    <message>
        <source>：一致</source>
        <translation>: consistent</translation>
    </message>
    <message>
        <source>：不一致</source>
        <translation>: inconsistent</translation>
    </message>
    <message>
        <source>正在签署检查点……</source>
        <translation>Signing checkpoint…</translation>
    </message>
    <message>
        <source>已创建检查点：截至序号 %1。</source>
        <translation>Checkpoint created: up to sequence no. %1.</translation>
    </message>
    <message>
        <source>个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <source>年</source>
        <translation>years</translation>
    </message>
    <message>
        <source>提供部门答复共享申请（第二十七条）</source>
        <translation>Providing department responds to sharing requests (Article 27)</translation>
    </message>
    <message>
        <source>每一级审核目录条目</source>
        <translation>Catalog entries reviewed at each level</translation>
    </message>
    <message>
        <source>天</source>
        <translation>days</translation>
    </message>
    <message>
        <source>核心要素变更后报告（第十七条）</source>
        <translation>Report after core element changes (Article 17)</translation>
    </message>
    <message>
        <source>各方签署三方保密协议（第三十条）</source>
        <translation>All parties sign the tripartite confidentiality agreement (Article 30)</translation>
    </message>
    <message>
        <source>提供部门核实更正或说明（第二十条）</source>
        <translation>Providing department verifies and corrects or explains (Article 20)</translation>
    </message>
    <message>
        <source>审计与访问日志至少保存 5 年（第二十六条）</source>
        <translation>Audit and access logs retained for at least 5 years (Article 26)</translation>
    </message>
    <message>
        <source>日志至少保存 %1 年（第二十六条）。</source>
        <translation>Logs must be retained for at least %1 years (Article 26).</translation>
    </message>
    <message>
        <source>应在 %1 至 %2 之间。</source>
        <translation>Must be between %1 and %2.</translation>
    </message>
    <message>
        <source>办理时限与日志保存</source>
        <translation>Processing Deadlines and Log Retention</translation>
    </message>
    <message>
        <source>允许范围：%1–%2</source>
        <translation>Allowed range: %1–%2</translation>
    </message>
    <message>
        <source>会话（服务器配置，只读）</source>
        <translation>Session (server configuration, read-only)</translation>
    </message>
    <message>
        <source>登录有效期</source>
        <translation>Login validity</translation>
    </message>
    <message>
        <source>空闲超时</source>
        <translation>Idle timeout</translation>
    </message>
    <message>
        <source>还原</source>
        <translation>Revert</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>无法读取平台策略：%1</source>
        <translation>Unable to read platform policy: %1</translation>
    </message>
    <message>
        <source>策略版本 %1</source>
        <translation>Policy version %1</translation>
    </message>
    <message>
        <source>%1 分钟</source>
        <translation>%1 minutes</translation>
    </message>
    <message>
        <source>正在保存……</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>已保存平台策略。</source>
        <translation>Platform policy saved.</translation>
    </message>
    <message>
        <source>平台策略已被他人修改（当前版本 %1）：请在对比窗口中选择保留哪些值。</source>
        <translation>Platform policy was modified by someone else (current version %1): choose which values to keep in the comparison window.</translation>
    </message>
    <message>
        <source>周一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>周二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>周三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>周四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>周五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>周六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>周日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>调休上班</source>
        <translation>Make-up working day</translation>
    </message>
    <message>
        <source>休息日</source>
        <translation>Rest day</translation>
    </message>
    <message>
        <source>法定节假日</source>
        <translation>Statutory holiday</translation>
    </message>
    <message>
        <source>（暂定：该年尚无官方放假安排）</source>
        <translation>(Provisional: no official holiday schedule for this year yet)</translation>
    </message>
    <message>
        <source>年度安排</source>
        <translation>Year&apos;s schedule</translation>
    </message>
    <message>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>星期</source>
        <translation>Weekday</translation>
    </message>
    <message>
        <source>调整为</source>
        <translation>Adjust to</translation>
    </message>
    <message>
        <source>官方安排</source>
        <translation>Official schedule</translation>
    </message>
    <message>
        <source>撤销确认…</source>
        <translation>Withdraw confirmation…</translation>
    </message>
    <message>
        <source>确认本年安排…</source>
        <translation>Confirm this year&apos;s schedule…</translation>
    </message>
    <message>
        <source>调整为工作日</source>
        <translation>Adjust to working day</translation>
    </message>
    <message>
        <source>调整为休息日</source>
        <translation>Adjust to rest day</translation>
    </message>
    <message>
        <source>添加或修改调整</source>
        <translation>Add or Modify Adjustment</translation>
    </message>
    <message>
        <source>工作日（上班）</source>
        <translation>Working day (work)</translation>
    </message>
    <message>
        <source>休息日（不上班）</source>
        <translation>Rest day (no work)</translation>
    </message>
    <message>
        <source>保存调整</source>
        <translation>Save adjustment</translation>
    </message>
    <message>
        <source>删除调整</source>
        <translation>Delete adjustment</translation>
    </message>
    <message>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>添加调整</source>
        <translation>Add adjustment</translation>
    </message>
    <message>
        <source>工作日调整 %1</source>
        <translation>Working day adjustment %1</translation>
    </message>
    <message>
        <source>删除该日的调整，恢复官方安排（%1）</source>
        <translation>Delete the adjustment for this day and restore the official schedule (%1)</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>删除工作日调整 %1</source>
        <translation>Delete working day adjustment %1</translation>
    </message>
    <message>
        <source>确认 %1 年工作日安排</source>
        <translation>Confirm the %1 working-day schedule</translation>
    </message>
    <message>
        <source>已确认 %1 年的工作日安排：此后计算的期限不再标注“暂定”。</source>
        <translation>The %1 working-day schedule is confirmed: deadlines computed from now on are no longer marked &quot;provisional&quot;.</translation>
    </message>
    <message>
        <source>撤销确认</source>
        <translation>Withdraw confirmation</translation>
    </message>
    <message>
        <source>%1 年工作日安排</source>
        <translation>%1 working-day schedule</translation>
    </message>
    <message>
        <source>撤销确认，此后计算的该年期限恢复为暂定</source>
        <translation>withdraw the confirmation; deadlines in that year computed from now on are provisional again</translation>
    </message>
    <message>
        <source>撤销 %1 年工作日安排的确认</source>
        <translation>Withdraw the confirmation of the %1 working-day schedule</translation>
    </message>
    <message>
        <source>已撤销 %1 年工作日安排的确认：此后计算的期限按暂定计算。</source>
        <translation>The confirmation of the %1 working-day schedule is withdrawn: deadlines computed from now on are provisional.</translation>
    </message>
    <message>
        <source>正在提交……</source>
        <translation>Submitting…</translation>
    </message>
    <message>
        <source>已保存 %1 的调整。</source>
        <translation>Adjustment for %1 saved.</translation>
    </message>
    <message>
        <source>例如：%1</source>
        <translation>e.g. %1</translation>
    </message>
    <message>
        <source>已删除 %1 的调整。</source>
        <translation>Adjustment for %1 deleted.</translation>
    </message>
    <message>
        <source>请填写部门名称，2 至 100 个字。</source>
        <translation>Enter a department name of 2 to 100 characters.</translation>
    </message>
    <message>
        <source>简称不超过 30 个字。</source>
        <translation>Abbreviation must not exceed 30 characters.</translation>
    </message>
    <message>
        <source>请选择本部门持有资源管理员角色的用户。</source>
        <translation>Select a user in this department who holds the resource administrator role.</translation>
    </message>
    <message>
        <source>请填写联系电话，5 至 32 个字符。</source>
        <translation>Enter a contact phone number of 5 to 32 characters.</translation>
    </message>
    <message>
        <source>备注不超过 500 个字。</source>
        <translation>Remarks must not exceed 500 characters.</translation>
    </message>
    <message>
        <source>新建部门</source>
        <translation>New Department</translation>
    </message>
    <message>
        <source>18 位，如 11320600014160186X</source>
        <translation>18 characters, e.g. 11320600014160186X</translation>
    </message>
    <message>
        <source>部门名称</source>
        <translation>Department Name</translation>
    </message>
    <message>
        <source>简称</source>
        <translation>Short Name</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified Social Credit Code</translation>
    </message>
    <message>
        <source>没有修改任何内容。</source>
        <translation>No changes were made.</translation>
    </message>
    <message>
        <source>如 0513-85000000</source>
        <translation>e.g. 0513-85000000</translation>
    </message>
    <message>
        <source>资源管理员</source>
        <translation>Resource Administrator</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(Select)</translation>
    </message>
    <message>
        <source>本部门没有持有资源管理员角色的在用账号，请先在用户管理中授予角色。</source>
        <translation>No active account in this department holds the resource administrator role. Grant the role in User Management first.</translation>
    </message>
    <message>
        <source>按名称、简称或信用代码筛选</source>
        <translation>Filter by name, short name or credit code</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>已保存部门：%1。</source>
        <translation>Department saved: %1.</translation>
    </message>
    <message>
        <source>新建部门：%1</source>
        <translation>New Department: %1</translation>
    </message>
    <message>
        <source>修改部门：%1</source>
        <translation>Edit Department: %1</translation>
    </message>
    <message>
        <source>备案资源管理员…</source>
        <translation>File Resource Administrator…</translation>
    </message>
    <message>
        <source>撤销备案</source>
        <translation>Revoke Filing</translation>
    </message>
    <message>
        <source>已撤销备案：%1。</source>
        <translation>Filing revoked: %1.</translation>
    </message>
    <message>
        <source>已备案资源管理员：%1（%2）。</source>
        <translation>Resource administrator filed: %1 (%2).</translation>
    </message>
    <message>
        <source>资源管理员备案：%1</source>
        <translation>Resource Administrator Filing: %1</translation>
    </message>
    <message>
        <source>撤销备案：%1</source>
        <translation>Revoke Filing: %1</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>加载失败：%1</source>
        <translation>Failed to load: %1</translation>
    </message>
    <message>
        <source>请按提示修改标红的项目。</source>
        <translation>Please correct the fields marked in red.</translation>
    </message>
    <message>
        <source>由安全管理员设定的临时密码，用户首次登录时须修改</source>
        <translation>Temporary password set by the security admin; the user must change it at first login</translation>
    </message>
    <message>
        <source>随机生成</source>
        <translation>Generate Randomly</translation>
    </message>
    <message>
        <source>密码规则</source>
        <translation>Password Rules</translation>
    </message>
    <message>
        <source> 个字符</source>
        <translation> characters</translation>
    </message>
    <message>
        <source> 类</source>
        <translation> categories</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>永不过期</source>
        <translation>Never expires</translation>
    </message>
    <message>
        <source>最短长度</source>
        <translation>Minimum length</translation>
    </message>
    <message>
        <source>至少包含的字符类别</source>
        <translation>Minimum character categories</translation>
    </message>
    <message>
        <source>四类：小写字母、大写字母、数字、符号。</source>
        <translation>Four categories: lowercase letters, uppercase letters, digits, symbols.</translation>
    </message>
    <message>
        <source>密码有效期</source>
        <translation>Password validity period</translation>
    </message>
    <message>
        <source>超过有效期的密码须在下次登录时修改；0 表示永不过期。最长 %1 个字符。</source>
        <translation>Expired passwords must be changed at next login; 0 means never expires. Maximum %1 characters.</translation>
    </message>
    <message>
        <source>登录失败锁定（服务器配置，只读）</source>
        <translation>Login Failure Lockout (server configuration, read-only)</translation>
    </message>
    <message>
        <source>连续失败次数</source>
        <translation>Consecutive failures</translation>
    </message>
    <message>
        <source>锁定时长</source>
        <translation>Lockout duration</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>%1 次</source>
        <translation>%1 times</translation>
    </message>
    <message>
        <source>密码策略已保存，此后设置的新密码按新规则检查。</source>
        <translation>Password policy saved. New passwords set from now on will be checked against the new rules.</translation>
    </message>
    <message>
        <source>密码策略已被他人修改，已重新加载最新内容，请核对后再保存。</source>
        <translation>The password policy was modified by someone else. The latest version has been reloaded; please review it before saving.</translation>
    </message>
    <message>
        <source>搜索名称、摘要、信息项、资源代码</source>
        <translation>Search name, summary, data items, resource code</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All Statuses</translation>
    </message>
    <message>
        <source>全部共享类型</source>
        <translation>All share types</translation>
    </message>
    <message>
        <source>信息资源名称</source>
        <translation>Resource name</translation>
    </message>
    <message>
        <source>提供部门</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>共享类型</source>
        <translation>Share type</translation>
    </message>
    <message>
        <source>更新时间</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>正在加载《%1》……</source>
        <translation>Loading “%1”…</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>全部角色</source>
        <translation>All Roles</translation>
    </message>
    <message>
        <source>已办理：%1（%2），账号状态：%3。</source>
        <translation>Done: %1 (%2), account status: %3.</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>目录登记表-%1.pdf</source>
        <translation>catalog-entry-%1.pdf</translation>
    </message>
    <message>
        <source>信息资源代码</source>
        <translation>Resource code</translation>
    </message>
    <message>
        <source>（发布时赋码）</source>
        <translation>(assigned on publication)</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>信息资源提供方</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>提供方代码</source>
        <translation>Provider code</translation>
    </message>
    <message>
        <source>信息资源分类</source>
        <translation>Classification</translation>
    </message>
    <message>
        <source>信息资源格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>发布日期</source>
        <translation>Published on</translation>
    </message>
    <message>
        <source>登记（第十四条）</source>
        <translation>Registered (Art. 14)</translation>
    </message>
    <message>
        <source>提交审核</source>
        <translation>Submitted for review</translation>
    </message>
    <message>
        <source>部门审核通过（第十五条）</source>
        <translation>Approved by the department (Art. 15)</translation>
    </message>
    <message>
        <source>发布（第十六条）</source>
        <translation>Published (Art. 16)</translation>
    </message>
    <message>
        <source>退回修改</source>
        <translation>Returned for changes</translation>
    </message>
    <message>
        <source>最近更新</source>
        <translation>Last updated</translation>
    </message>
    <message>
        <source>政务信息资源目录登记表</source>
        <translation>Government Information Resource Catalog Entry Form</translation>
    </message>
    <message>
        <source>打印日期</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>一、基本信息</source>
        <translation>1. Core metadata</translation>
    </message>
    <message>
        <source>二、信息项</source>
        <translation>2. Data items</translation>
    </message>
    <message>
        <source>未登记信息项。</source>
        <translation>No data items.</translation>
    </message>
    <message>
        <source>三、共享属性</source>
        <translation>3. Sharing</translation>
    </message>
    <message>
        <source>四、状态记录</source>
        <translation>4. Status record</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>办理人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>南通市政务信息资源共享平台 · 目录登记表 %1</source>
        <translation>Nantong government information sharing platform · catalog entry form %1</translation>
    </message>
    <message>
        <source>依据《南通市政务信息资源共享管理办法》第十三条至第十七条编制。</source>
        <translation>Compiled under Articles 13 to 17 of the Nantong regulation on sharing government information resources.</translation>
    </message>
    <message>
        <source>填报人</source>
        <translation>Prepared by</translation>
    </message>
    <message>
        <source>部门审核人</source>
        <translation>Reviewed by</translation>
    </message>
    <message>
        <source>部门（盖章）</source>
        <translation>Department (seal)</translation>
    </message>
    <message>
        <source>安全管理员和审计管理员账号只能由运维人员在平台服务器上用命令行工具（govshare-platform create-user / set-roles）创建和修改，此处只读（三员分立）。</source>
        <translation>Security admin and audit admin accounts can only be created and modified by operations staff on the platform server using the command-line tool (govshare-platform create-user / set-roles); read-only here (separation of duties).</translation>
    </message>
    <message>
        <source>账号状态</source>
        <translation>Account Status</translation>
    </message>
    <message>
        <source>锁定至</source>
        <translation>Locked Until</translation>
    </message>
    <message>
        <source>须在下次登录时修改密码</source>
        <translation>Must change password at next login</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>密码修改时间</source>
        <translation>Password Changed</translation>
    </message>
    <message>
        <source>创建时间</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>请输入密码。</source>
        <translation>Please enter a password.</translation>
    </message>
    <message>
        <source>密码要求：至少 %1 个字符，包含小写字母、大写字母、数字、符号中的至少 %2 类；首尾不能有空格，同一字符不能连续出现超过 3 次，不能包含用户名。</source>
        <translation>Password requirements: at least %1 characters, including at least %2 of lowercase letters, uppercase letters, digits and symbols; no leading or trailing spaces, no character repeated more than 3 times in a row, and must not contain the username.</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>共享平台</source>
        <translation>Sharing Platform</translation>
    </message>
    <message>
        <source>政务部门</source>
        <translation>Government Department</translation>
    </message>
    <message>
        <source>在用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已撤销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>【%1】%2，联系电话 %3，备案时间 %4</source>
        <translation>[%1] %2, phone %3, filed %4</translation>
    </message>
    <message>
        <source>；备注：%1</source>
        <translation>; remarks: %1</translation>
    </message>
    <message>
        <source>第二十八条：各部门应当指定资源管理员并向共享平台备案；未备案资源管理员的部门不能办理共享申请。</source>
        <translation>Article 28: Each department shall designate a resource administrator and file them with the sharing platform; departments without a filed resource administrator cannot process sharing requests.</translation>
    </message>
    <message>
        <source>用户名为 3 至 64 个字符，只能包含字母、数字和 _ . -。</source>
        <translation>Username must be 3 to 64 characters and may contain only letters, digits and _ . -.</translation>
    </message>
    <message>
        <source>请填写姓名（不超过 64 个字）。</source>
        <translation>Please enter a name (up to 64 characters).</translation>
    </message>
    <message>
        <source>请选择所属部门。</source>
        <translation>Please select a department.</translation>
    </message>
    <message>
        <source>请至少选择一个角色。</source>
        <translation>Please select at least one role.</translation>
    </message>
    <message>
        <source>新建用户</source>
        <translation>New User</translation>
    </message>
    <message>
        <source>登录名，如 ga_registrar2（字母、数字、_ . -）</source>
        <translation>Login name, e.g. ga_registrar2 (letters, digits, _ . -)</translation>
    </message>
    <message>
        <source>所属部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>临时密码</source>
        <translation>Temporary Password</translation>
    </message>
    <message>
        <source>安全管理员、审计管理员账号只能在服务器上用命令行创建（三员分立），此处不提供。</source>
        <translation>Security admin and audit admin accounts can only be created on the server via the command line (separation of duties); not available here.</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Reset Password</translation>
    </message>
    <message>
        <source>用户下次登录时必须修改此密码；该用户已登录的会话将被结束。请通过安全渠道告知用户。</source>
        <translation>The user must change this password at next login; the user&apos;s active sessions will be ended. Inform the user through a secure channel.</translation>
    </message>
    <message>
        <source>搜索用户名或姓名</source>
        <translation>Search username or name</translation>
    </message>
    <message>
        <source>已创建用户：%1。用户首次登录时须修改临时密码。</source>
        <translation>User created: %1. The user must change the temporary password at first login.</translation>
    </message>
    <message>
        <source>打印预览 - %1</source>
        <translation>Print preview - %1</translation>
    </message>
    <message>
        <source>正在生成…</source>
        <translation>Generating…</translation>
    </message>
    <message>
        <source>共 %1 页。</source>
        <translation>%1 pages.</translation>
    </message>
    <message>
        <source>生成失败：%1</source>
        <translation>Generating failed: %1</translation>
    </message>
    <message>
        <source>自动</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>另存为PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>保存失败：%1</source>
        <translation>Could not save: %1</translation>
    </message>
    <message>
        <source>已保存到 %1</source>
        <translation>Saved to %1</translation>
    </message>
    <message>
        <source>正在打印第 %1 页…</source>
        <translation>Printing page %1…</translation>
    </message>
    <message>
        <source>已发送 %1 页到打印机。</source>
        <translation>Sent %1 pages to the printer.</translation>
    </message>
    <message>
        <source>无法启动打印机。</source>
        <translation>Could not start the printer.</translation>
    </message>
    <message>
        <source>打印失败：%1</source>
        <translation>Printing failed: %1</translation>
    </message>
    <message>
        <source>已取消打印。</source>
        <translation>Printing cancelled.</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>打印预览，可打印或另存为PDF</source>
        <translation>Print preview: print, or save as PDF</translation>
    </message>
    <message>
        <source>导出PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>导出PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>正在生成PDF……</source>
        <translation>Generating the PDF…</translation>
    </message>
    <message>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <source>导出失败：%1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <source>考核权重与等级划分（第三十四条）</source>
        <translation>Assessment weights and grades (Art. 34)</translation>
    </message>
    <message>
        <source>权重（合计 100）</source>
        <translation>Weights (total 100)</translation>
    </message>
    <message>
        <source>等级下限（分）</source>
        <translation>Grade lower bounds (points)</translation>
    </message>
    <message>
        <source>各组权重之和须为 100（当前为 %1）。</source>
        <translation>The group weights must add up to 100 (now %1).</translation>
    </message>
    <message>
        <source>等级下限须满足 0 &lt; 合格 &lt; 良好 &lt; 优秀 ≤ 100。</source>
        <translation>The grade bounds must satisfy 0 &lt; Pass &lt; Good &lt; Excellent ≤ 100.</translation>
    </message>
    <message>
        <source>合计：%1</source>
        <translation>Total: %1</translation>
    </message>
    <message>
        <source>共享申请表-%1.pdf</source>
        <translation>share-request-%1.pdf</translation>
    </message>
    <message>
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <source>一、申请信息</source>
        <translation>1. Request</translation>
    </message>
    <message>
        <source>二、审核与决定</source>
        <translation>2. Review and decisions</translation>
    </message>
    <message>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>结果状态</source>
        <translation>Resulting status</translation>
    </message>
    <message>
        <source>意见</source>
        <translation>Opinion</translation>
    </message>
    <message>
        <source>尚未提交。</source>
        <translation>Not submitted yet.</translation>
    </message>
    <message>
        <source>三、争议与协调（第二十五条）</source>
        <translation>3. Disputes and mediation (Art. 25)</translation>
    </message>
    <message>
        <source>提出时间</source>
        <translation>Raised</translation>
    </message>
    <message>
        <source>异议理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>协调意见</source>
        <translation>Mediation</translation>
    </message>
    <message>
        <source>政务信息资源共享申请表</source>
        <translation>Government Information Resource Share Request Form</translation>
    </message>
    <message>
        <source>申请编号</source>
        <translation>Request no.</translation>
    </message>
    <message>
        <source>当前状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>南通市政务信息资源共享平台 · 共享申请表 #%1</source>
        <translation>Nantong government information sharing platform · share request form #%1</translation>
    </message>
    <message>
        <source>依据《南通市政务信息资源共享管理办法》第二十二条、第二十七条、第二十八条；不予共享类资源的申请须载明法定共享依据（第五条），由信息化主管部门审核（第二十五条）。</source>
        <translation>Under Articles 22, 27 and 28 of the Nantong regulation on sharing government information resources; a request for a not-shared resource states its statutory basis (Art. 5) and is reviewed by the informatisation authority (Art. 25).</translation>
    </message>
    <message>
        <source>申请部门（盖章）</source>
        <translation>Requesting department (seal)</translation>
    </message>
    <message>
        <source>提供部门（盖章）</source>
        <translation>Providing department (seal)</translation>
    </message>
    <message>
        <source>信息化主管部门（盖章）</source>
        <translation>Informatisation authority (seal)</translation>
    </message>
    <message>
        <source>例如：国办发明电〔%1〕X号《%2》</source>
        <translation>e.g. Guo Ban Fa Ming Dian [%1] No. X, &quot;%2&quot;</translation>
    </message>
    <message>
        <source>放假通知</source>
        <translation>Holiday notice</translation>
    </message>
    <message>
        <source>放假通知不能超过 %1 个字。</source>
        <translation>The holiday notice may not exceed %1 characters.</translation>
    </message>
    <message>
        <source>请填写所依据的放假通知（文号或标题）。</source>
        <translation>Enter the holiday notice the schedule was entered from (its number or title).</translation>
    </message>
    <message>
        <source>国务院办公厅关于%1年部分节假日安排的通知</source>
        <translation>Notice of the General Office of the State Council on the arrangement of certain holidays in %1</translation>
    </message>
    <message>
        <source>采用国务院公布的放假安排（日历数据内置），无需确认。个别日期需要调整时，在右侧逐日录入。</source>
        <translation>The State Council&apos;s published holiday schedule applies (built-in calendar data); nothing to confirm. To change individual days, enter them on the right.</translation>
    </message>
    <message>
        <source>已按国务院放假通知录入并确认：此后计算的期限不再标注“暂定”；确认前已设定的期限不变。</source>
        <translation>Entered from the State Council&apos;s holiday notice and confirmed: deadlines computed from now on are no longer marked &quot;provisional&quot;; deadlines set before the confirmation do not change.</translation>
    </message>
    <message>
        <source>尚无官方放假安排：期限按周末和可推算的法定节日（元旦、清明、劳动节、国庆节）暂定计算，并标注“暂定”。《%1》公布后，请将其中的放假日和调休上班日逐日录入为调整，再点“确认本年安排”。</source>
        <translation>No official holiday schedule yet: deadlines are counted provisionally with weekends and the statutory holidays whose dates can be computed (New Year&apos;s Day, Qingming, Labour Day, National Day), and marked &quot;provisional&quot;. Once the &quot;%1&quot; is published, enter each of its days off and make-up working days as an override, then click &quot;Confirm this year&apos;s schedule&quot;.</translation>
    </message>
    <message>
        <source>本年已录入调整：%1 天</source>
        <translation>Overrides entered this year: %1 days</translation>
    </message>
    <message>
        <source>确认人：%1</source>
        <translation>Confirmed by: %1</translation>
    </message>
    <message>
        <source>确认时间：%1</source>
        <translation>Confirmed at: %1</translation>
    </message>
    <message>
        <source>依据：%1</source>
        <translation>Based on: %1</translation>
    </message>
    <message>
        <source>该年已有官方放假安排，无需确认。</source>
        <translation>This year has the official holiday schedule; there is nothing to confirm.</translation>
    </message>
    <message>
        <source>只能确认上一年、本年和下一年的安排：国务院通常在每年 11 月前后公布下一年的放假安排。</source>
        <translation>Only last year&apos;s, this year&apos;s and next year&apos;s schedules can be confirmed: the State Council usually publishes next year&apos;s holiday schedule around November.</translation>
    </message>
    <message>
        <source>请先把放假通知中的每个放假日和调休上班日录入为调整，再确认：暂定安排不含春节、端午、中秋等农历节日。</source>
        <translation>Enter every day off and make-up working day of the holiday notice as an override first, then confirm: the provisional schedule has no lunar holidays (Spring Festival, Dragon Boat, Mid-Autumn).</translation>
    </message>
    <message>
        <source>修改确认依据…</source>
        <translation>Change the confirmation&apos;s notice…</translation>
    </message>
    <message>
        <source>确认前请核对：《%1》中的每个放假日和调休上班日都已录入为调整。确认后，此后计算的期限不再标注“暂定”；已设定的期限不会改变。</source>
        <translation>Before confirming, check that every day off and every make-up working day of the &quot;%1&quot; is entered as an override. Once confirmed, deadlines computed from now on are no longer marked &quot;provisional&quot;; deadlines already set do not change.</translation>
    </message>
    <message>
        <source>注意：本年尚未录入任何调整。</source>
        <translation>Note: no override has been entered for this year yet.</translation>
    </message>
    <message>
        <source>未能确认 %1 年的工作日安排：%2</source>
        <translation>The %1 working-day schedule could not be confirmed: %2</translation>
    </message>
</context>
<context>
    <name>AgreementPages</name>
    <message>
        <source>待签协议</source>
        <translation>Agreements to sign</translation>
    </message>
</context>
<context>
    <name>AgreementViewer</name>
    <message>
        <source>返回列表</source>
        <translation>Back to list</translation>
    </message>
    <message>
        <source>验证文件：%1</source>
        <translation>Verify file: %1</translation>
    </message>
    <message>
        <source>签名按共享平台的根证书验证；有效表示签署后文件未被改动、证书由平台签发。</source>
        <translation>Signatures are checked against the platform&apos;s root certificate; valid means the file is unchanged since signing and the certificate was issued by the platform.</translation>
    </message>
    <message>
        <source>自适应</source>
        <translation>Fit</translation>
    </message>
    <message>
        <source>无法显示该 PDF 文件。</source>
        <translation>This PDF cannot be displayed.</translation>
    </message>
    <message>
        <source>三方数据保密协议-%1-第%2版.pdf</source>
        <translation>Confidentiality agreement - %1 - revision %2.pdf</translation>
    </message>
    <message>
        <source>另存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>保存失败：%1</source>
        <translation>Save failed: %1</translation>
    </message>
    <message>
        <source>已保存到 %1</source>
        <translation>Saved to %1</translation>
    </message>
    <message>
        <source>协议</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <source>回到待签协议列表（Esc）</source>
        <translation>Back to the list of agreements (Esc)</translation>
    </message>
    <message>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>上一页（PgUp）</source>
        <translation>Previous page (PgUp)</translation>
    </message>
    <message>
        <source>跳到第几页</source>
        <translation>Go to page</translation>
    </message>
    <message>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>下一页（PgDown）</source>
        <translation>Next page (PgDown)</translation>
    </message>
    <message>
        <source>缩小（Ctrl+-）</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <source>放大（Ctrl++）</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>把协议 PDF 保存到本机</source>
        <translation>Save the agreement PDF to this computer</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>签名</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <source>拒签…</source>
        <translation>Decline…</translation>
    </message>
    <message>
        <source>拒绝签署并说明理由，申请退回信息化主管部门审核环节</source>
        <translation>Decline to sign, with a reason; the request returns to the platform&apos;s review</translation>
    </message>
    <message>
        <source>设置签名密钥…</source>
        <translation>Set up signing key…</translation>
    </message>
    <message>
        <source>签署前须在本机生成签名密钥（或使用 UKey）并申请证书</source>
        <translation>Before signing, create a signing key on this computer (or use a UKey) and request a certificate</translation>
    </message>
    <message>
        <source>平台签署…</source>
        <translation>Platform signature…</translation>
    </message>
    <message>
        <source>以共享平台的签名密钥代表信息化主管部门签署</source>
        <translation>Sign with the platform&apos;s key on behalf of the platform administration</translation>
    </message>
    <message>
        <source>签署…</source>
        <translation>Sign…</translation>
    </message>
</context>
<context>
    <name>AgreementsPage</name>
    <message>
        <source>本机还没有可用的签名密钥和证书：请先设置签名密钥，再签署。</source>
        <translation>This computer has no usable signing key and certificate: set up a signing key first, then sign.</translation>
    </message>
    <message>
        <source>平台签署使用共享平台的签名密钥，代表信息化主管部门签署。</source>
        <translation>Platform signing uses the platform&apos;s signing key, on behalf of the platform administration.</translation>
    </message>
    <message>
        <source>签署使用本人的签名证书；三方签署后授权生效（第三十条）。</source>
        <translation>You sign with your own certificate; the grants take effect once all three parties have signed (Art. 30).</translation>
    </message>
    <message>
        <source>等待%1签署。</source>
        <translation>Waiting for the %1 to sign.</translation>
    </message>
    <message>
        <source>已签署</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>平台已签署</source>
        <translation>Signed by the platform</translation>
    </message>
    <message>
        <source>已拒签，申请已退回</source>
        <translation>Declined; the request was sent back</translation>
    </message>
    <message>
        <source>%1：%2，当前状态：%3。</source>
        <translation>%1: %2, status now: %3.</translation>
    </message>
    <message>
        <source>操作已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>拒签：%1</source>
        <translation>Decline: %1</translation>
    </message>
    <message>
        <source>拒签协议</source>
        <translation>Decline agreement</translation>
    </message>
    <message>
        <source>拒签后本协议终止，共享申请退回信息化主管部门审核环节（第三十条）。请说明拒签理由：</source>
        <translation>Declining ends this agreement and returns the request to the platform&apos;s review (Art. 30). Please give your reason:</translation>
    </message>
    <message>
        <source>正在由共享平台签署……</source>
        <translation>The platform is signing…</translation>
    </message>
    <message>
        <source>平台签署：%1</source>
        <translation>Platform signature: %1</translation>
    </message>
    <message>
        <source>平台签署</source>
        <translation>Platform signature</translation>
    </message>
    <message>
        <source>以共享平台的签名密钥代表%1签署</source>
        <translation>Sign with the platform&apos;s key on behalf of the %1</translation>
    </message>
    <message>
        <source>正在加载……</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>共 %1 份</source>
        <translation>%1 agreements</translation>
    </message>
    <message>
        <source>没有等待您签署的协议。</source>
        <translation>No agreements waiting for your signature.</translation>
    </message>
    <message>
        <source>没有协议。</source>
        <translation>No agreements.</translation>
    </message>
    <message>
        <source>正在打开协议……</source>
        <translation>Opening the agreement…</translation>
    </message>
    <message>
        <source>无法打开协议：%1</source>
        <translation>Cannot open the agreement: %1</translation>
    </message>
    <message>
        <source>无法打开文件：%1</source>
        <translation>Cannot open the file: %1</translation>
    </message>
    <message>
        <source>验证协议文件</source>
        <translation>Verify an agreement file</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>待我签署</source>
        <translation>Waiting for me</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>签署期限</source>
        <translation>Signing deadline</translation>
    </message>
    <message>
        <source>资源名称</source>
        <translation>Resource</translation>
    </message>
    <message>
        <source>使用部门</source>
        <translation>Consumer department</translation>
    </message>
    <message>
        <source>提供部门</source>
        <translation>Provider department</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>当前签署方</source>
        <translation>Now signing</translation>
    </message>
    <message>
        <source>本年度的工作日安排尚未公布，期限为暂定。</source>
        <translation>This year&apos;s working-day schedule is not yet published; the deadline is provisional.</translation>
    </message>
    <message>
        <source>《%1》三方数据保密协议</source>
        <translation>Three-party confidentiality agreement for &quot;%1&quot;</translation>
    </message>
    <message>
        <source>信息使用部门</source>
        <translation>Consumer department</translation>
    </message>
    <message>
        <source>信息提供部门</source>
        <translation>Provider department</translation>
    </message>
    <message>
        <source>信息项</source>
        <translation>Data items</translation>
    </message>
    <message>
        <source>共享方式</source>
        <translation>Share mode</translation>
    </message>
    <message>
        <source>使用期限至</source>
        <translation>Use until</translation>
    </message>
    <message>
        <source>拒签理由</source>
        <translation>Reason for declining</translation>
    </message>
    <message>
        <source>签名有效</source>
        <translation>Signature valid</translation>
    </message>
    <message>
        <source>签名无效</source>
        <translation>Signature invalid</translation>
    </message>
    <message>
        <source>未签署</source>
        <translation>Not signed</translation>
    </message>
    <message>
        <source>正在验证……</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <source>签名无法通过校验</source>
        <translation>The signature does not verify</translation>
    </message>
    <message>
        <source>等待%1签署</source>
        <translation>Waiting for the %1 to sign</translation>
    </message>
    <message>
        <source>等待本方签署</source>
        <translation>Waiting for this party to sign</translation>
    </message>
    <message>
        <source>文件中还没有签名。</source>
        <translation>The file has no signatures yet.</translation>
    </message>
    <message>
        <source>%1 个签名无效：文件可能已被改动，或证书不受信任。</source>
        <translation>%1 signature(s) invalid: the file may have been changed, or a certificate is not trusted.</translation>
    </message>
    <message>
        <source>全部 %1 个签名有效，签署后文件未被改动。</source>
        <translation>All %1 signatures are valid; the file is unchanged since signing.</translation>
    </message>
    <message>
        <source>签署人：%1</source>
        <translation>Signed by: %1</translation>
    </message>
    <message>
        <source>单位：%1</source>
        <translation>Department: %1</translation>
    </message>
    <message>
        <source>时间：%1</source>
        <translation>Time: %1</translation>
    </message>
    <message>
        <source>正在本机验证签名……</source>
        <translation>Verifying signatures on this computer…</translation>
    </message>
    <message>
        <source>待签协议</source>
        <translation>Agreements to sign</translation>
    </message>
    <message>
        <source>使用有条件共享的信息资源，须由信息使用部门、信息提供部门和信息化主管部门依次签署三方数据保密协议（第三十条），三方签署后授权生效。红色表示已超过签署期限。</source>
        <translation>Conditionally shared resources need a three-party confidentiality agreement signed in turn by the consumer, the provider and the platform administration (Art. 30); the grants take effect once all three have signed. Red: past the signing deadline.</translation>
    </message>
    <message>
        <source>显示：</source>
        <translation>Show:</translation>
    </message>
    <message>
        <source>验证文件…</source>
        <translation>Verify file…</translation>
    </message>
    <message>
        <source>打开本机上的协议 PDF，检查其中的签名是否有效、文件是否被改动</source>
        <translation>Open an agreement PDF from this computer and check whether its signatures are valid and the file unchanged</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>双击一行查看协议并签署。</source>
        <translation>Double-click a row to view and sign the agreement.</translation>
    </message>
    <message>
        <source>查看协议</source>
        <translation>View agreement</translation>
    </message>
</context>
<context>
    <name>ApiError</name>
    <message>
        <source>无法连接共享平台，请检查网络。操作已保存，将在恢复连接后继续。</source>
        <translation>Cannot reach the sharing platform; please check the network. Your action is saved and will continue when the connection is back.</translation>
    </message>
    <message>
        <source>共享平台响应超时，请稍后重试。</source>
        <translation>The sharing platform did not answer in time; please try again later.</translation>
    </message>
    <message>
        <source>共享平台暂时不可用，请稍后重试。</source>
        <translation>The sharing platform is temporarily unavailable; please try again later.</translation>
    </message>
    <message>
        <source>用户名或密码错误。</source>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <source>登录失败次数过多，账号已临时锁定，请稍后再试。</source>
        <translation>Too many failed sign-ins: the account is locked for a while; please try again later.</translation>
    </message>
    <message>
        <source>账号已停用，请联系安全管理员。</source>
        <translation>The account is disabled; please contact the security administrator.</translation>
    </message>
    <message>
        <source>本机登录尝试过于频繁，请稍后再试。</source>
        <translation>Too many sign-in attempts from this computer; try again later.</translation>
    </message>
    <message>
        <source>请先修改密码（密码已被重置或已过期）。</source>
        <translation>Change your password first (it was reset or has expired).</translation>
    </message>
    <message>
        <source>请先登录。</source>
        <translation>Please sign in first.</translation>
    </message>
    <message>
        <source>登录状态已失效，请重新登录。</source>
        <translation>Your session is no longer valid; please sign in again.</translation>
    </message>
    <message>
        <source>登录已过期，请重新登录。</source>
        <translation>Your sign-in has expired; please sign in again.</translation>
    </message>
    <message>
        <source>长时间未操作，已自动退出，请重新登录。</source>
        <translation>You were signed out after a period of inactivity; please sign in again.</translation>
    </message>
    <message>
        <source>您的角色或部门无权执行此操作。</source>
        <translation>Your role or department may not do this.</translation>
    </message>
    <message>
        <source>审核员不能审核本人提交的目录。</source>
        <translation>Reviewers cannot review entries they submitted themselves.</translation>
    </message>
    <message>
        <source>对象不存在或您无权查看。</source>
        <translation>The object does not exist or you may not see it.</translation>
    </message>
    <message>
        <source>当前状态下不能执行此操作，请刷新后重试。</source>
        <translation>This action is not possible in the current state; please refresh and try again.</translation>
    </message>
    <message>
        <source>该对象已被他人修改。</source>
        <translation>Someone else has changed this object.</translation>
    </message>
    <message>
        <source>缺少版本信息，请刷新后重试。</source>
        <translation>Version information is missing; please refresh and try again.</translation>
    </message>
    <message>
        <source>填写内容不符合要求，请按提示修改。</source>
        <translation>Some input is not valid; please correct it as indicated.</translation>
    </message>
    <message>
        <source>已发布目录的关键要素须通过变更报告修改（第十七条）。</source>
        <translation>Key elements of a published entry change only through a change report (Art. 17).</translation>
    </message>
    <message>
        <source>重复提交的内容与首次不一致。</source>
        <translation>A repeated submission differs from the first one.</translation>
    </message>
    <message>
        <source>共享平台的答复格式与本客户端不一致，请联系管理员核对版本。</source>
        <translation>The platform answered in a format this client does not understand. Ask your administrator to check the versions.</translation>
    </message>
    <message>
        <source>共享平台内部错误，已记录，请联系管理员。</source>
        <translation>Internal error on the sharing platform (logged); please contact the administrator.</translation>
    </message>
    <message>
        <source>待上传的本地文件已不存在，请重新签署后再提交。</source>
        <translation>The local file to upload no longer exists; sign again and resubmit.</translation>
    </message>
    <message>
        <source>共享平台尚未配置证书认证机构，暂时不能签发证书或签署协议，请联系平台管理员。</source>
        <translation>The platform has no certification authority configured, so it cannot issue certificates or take signatures yet; contact the platform administrator.</translation>
    </message>
    <message>
        <source>该证书已被吊销。</source>
        <translation>This certificate has been revoked.</translation>
    </message>
    <message>
        <source>该年已有国务院公布的官方放假安排，无需确认。</source>
        <translation>This year has the official holiday schedule published by the State Council; there is nothing to confirm.</translation>
    </message>
    <message>
        <source>只能确认上一年、本年和下一年的工作日安排，更远的年份尚无放假通知。</source>
        <translation>Only last year&apos;s, this year&apos;s and next year&apos;s working-day schedules can be confirmed; later years have no holiday notice yet.</translation>
    </message>
    <message>
        <source>该年尚未录入任何调整：请先把放假通知中的放假日和调休上班日录入为调整，再确认。</source>
        <translation>No override is entered for this year yet: enter the holiday notice&apos;s days off and make-up working days as overrides first, then confirm.</translation>
    </message>
    <message>
        <source>操作失败。</source>
        <translation>The action failed.</translation>
    </message>
</context>
<context>
    <name>AssessmentPage</name>
    <message>
        <source>正在提交……</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>%1 个工作日</source>
        <translation>%1 working days</translation>
    </message>
    <message>
        <source>分组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>得分 %1</source>
        <translation>Score %1</translation>
    </message>
    <message>
        <source>第 %1 名 / %2</source>
        <translation>Rank %1 of %2</translation>
    </message>
    <message>
        <source>（计算得分 %1）</source>
        <translation>(computed score %1)</translation>
    </message>
    <message>
        <source>改进建议</source>
        <translation>Suggestions</translation>
    </message>
    <message>
        <source>各项指标均未低于60分，暂无改进建议。</source>
        <translation>No indicator scores below 60: no suggestions.</translation>
    </message>
    <message>
        <source>分数调整</source>
        <translation>Score adjustment</translation>
    </message>
    <message>
        <source>申辩</source>
        <translation>Explanations</translation>
    </message>
    <message>
        <source>暂无申辩。</source>
        <translation>No explanations.</translation>
    </message>
    <message>
        <source>平台按所选考核期内的数据计算各部门的指标、得分和排名，生成初稿（第三十四条）。</source>
        <translation>The platform computes every department&apos;s indicators, scores and ranks from the period&apos;s data and makes a draft (Art. 34).</translation>
    </message>
    <message>
        <source>可不填：默认为考核期名称</source>
        <translation>Optional: defaults to the period&apos;s name</translation>
    </message>
    <message>
        <source>考核周期</source>
        <translation>Period type</translation>
    </message>
    <message>
        <source>考核期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>%1（%2 至 %3）</source>
        <translation>%1 (%2 to %3)</translation>
    </message>
    <message>
        <source>调整后的得分与计算得分并列保存，调整理由随结果公布并记入审计日志。</source>
        <translation>The adjusted score is kept beside the computed one; the reason is published with the results and audited.</translation>
    </message>
    <message>
        <source>取消调整，恢复计算得分</source>
        <translation>Remove the adjustment (back to the computed score)</translation>
    </message>
    <message>
        <source>必填：调整的依据和理由</source>
        <translation>Required: the grounds for the adjustment</translation>
    </message>
    <message>
        <source>计算得分</source>
        <translation>Computed score</translation>
    </message>
    <message>
        <source>调整后得分</source>
        <translation>Adjusted score</translation>
    </message>
    <message>
        <source>调整理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>对本部门的考核结果有异议的，可在结果发布前提交申辩，说明事实和理由；考核部门核实后可调整分数。</source>
        <translation>If your department disagrees with its result, file an explanation with the facts and reasons before publication; the supervisor may adjust the score after checking.</translation>
    </message>
    <message>
        <source>申辩内容</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>排名</source>
        <translation>Ranking</translation>
    </message>
    <message>
        <source>得分图</source>
        <translation>Score chart</translation>
    </message>
    <message>
        <source>评分卡</source>
        <translation>Scorecard</translation>
    </message>
    <message>
        <source>正在加载……</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>共 %1 轮</source>
        <translation>%1 rounds</translation>
    </message>
    <message>
        <source>还没有考核。</source>
        <translation>No assessment yet.</translation>
    </message>
    <message>
        <source>加载失败：%1</source>
        <translation>Could not load: %1</translation>
    </message>
    <message>
        <source>无法打开：%1</source>
        <translation>Could not open: %1</translation>
    </message>
    <message>
        <source>请在左侧选择一轮考核。</source>
        <translation>Select a round on the left.</translation>
    </message>
    <message>
        <source>无法打开评分卡：%1</source>
        <translation>Could not open the scorecard: %1</translation>
    </message>
    <message>
        <source>考核评估</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>计算时间</source>
        <translation>Computed</translation>
    </message>
    <message>
        <source>部门数</source>
        <translation>Departments</translation>
    </message>
    <message>
        <source>数据截至 %1</source>
        <translation>data to %1</translation>
    </message>
    <message>
        <source>%1 计算（%2）</source>
        <translation>computed %1 (%2)</translation>
    </message>
    <message>
        <source>%1 发布（%2）</source>
        <translation>published %1 (%2)</translation>
    </message>
    <message>
        <source>%1 个部门</source>
        <translation>%1 departments</translation>
    </message>
    <message>
        <source>申辩 %1 条</source>
        <translation>%1 explanations</translation>
    </message>
    <message>
        <source>工作日安排暂定</source>
        <translation>provisional working-day calendar</translation>
    </message>
    <message>
        <source>（调）</source>
        <translation> (adj.)</translation>
    </message>
    <message>
        <source>计算得分 %1，调整为 %2（%3）：%4</source>
        <translation>Computed %1, adjusted to %2 (%3): %4</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>重新计算</source>
        <translation>Recompute</translation>
    </message>
    <message>
        <source>发布</source>
        <translation>Publish</translation>
    </message>
    <message>
        <source>调整分数…</source>
        <translation>Adjust score…</translation>
    </message>
    <message>
        <source>提交申辩…</source>
        <translation>File explanation…</translation>
    </message>
    <message>
        <source>新建考核</source>
        <translation>New assessment</translation>
    </message>
    <message>
        <source>按平台现有数据重新计算本轮考核（替换初稿中的得分，分数调整需重新核对）</source>
        <translation>Recompute this round from the platform&apos;s current data (replaces the draft&apos;s scores; adjustments must be made again)</translation>
    </message>
    <message>
        <source>发布本轮考核结果，向所有部门公布（第三十四条），发布后不能再修改</source>
        <translation>Publish this round&apos;s results to every department (Art. 34); a published round cannot change</translation>
    </message>
    <message>
        <source>本轮考核尚未发布：各部门只能查看本部门的结果，本部门不在本轮考核范围内。</source>
        <translation>This round is not published: departments see only their own result, and your department is not assessed in it.</translation>
    </message>
    <message>
        <source>本轮考核没有考核结果。</source>
        <translation>This round has no results.</translation>
    </message>
    <message>
        <source>已新建考核：%1，已按平台数据计算。</source>
        <translation>New assessment %1 computed from the platform&apos;s data.</translation>
    </message>
    <message>
        <source>已重新计算：%1。</source>
        <translation>Recomputed: %1.</translation>
    </message>
    <message>
        <source>已发布：%1，结果向所有部门公布。</source>
        <translation>Published: %1; the results are visible to every department.</translation>
    </message>
    <message>
        <source>已调整 %2 的得分：%1。</source>
        <translation>Adjusted the score of %2: %1.</translation>
    </message>
    <message>
        <source>已提交 %2 的申辩：%1。</source>
        <translation>Filed the explanation of %2: %1.</translation>
    </message>
    <message>
        <source>本轮考核已被他人更新（重新计算、调整或发布），您的操作未提交。已重新加载最新数据，请核对后重试。</source>
        <translation>Someone else changed this round (recomputed, adjusted or published); your change was not sent. The latest data was loaded: check it and try again.</translation>
    </message>
    <message>
        <source>操作未完成：%1 已重新加载最新数据。</source>
        <translation>Not done: %1 The latest data was loaded.</translation>
    </message>
    <message>
        <source>打印报告…</source>
        <translation>Print report…</translation>
    </message>
    <message>
        <source>导出PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>导出Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <source>无法生成报告：%1</source>
        <translation>Could not make the report: %1</translation>
    </message>
    <message>
        <source>正在准备报告……</source>
        <translation>Preparing the report…</translation>
    </message>
    <message>
        <source>考核评估报告</source>
        <translation>Assessment report</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>导出报告</source>
        <translation>Export report</translation>
    </message>
    <message>
        <source>正在生成PDF……</source>
        <translation>Making the PDF…</translation>
    </message>
    <message>
        <source>正在导出Excel……</source>
        <translation>Exporting to Excel…</translation>
    </message>
    <message>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <source>建议与申辩</source>
        <translation>Suggestions and explanations</translation>
    </message>
    <message>
        <source>得分趋势</source>
        <translation>Trend</translation>
    </message>
    <message>
        <source>分组得分</source>
        <translation>Group scores</translation>
    </message>
    <message>
        <source>在排名中选择一个部门查看评分卡。</source>
        <translation>Select a department in the ranking to see its scorecard.</translation>
    </message>
    <message>
        <source>%1 得分趋势</source>
        <translation>%1: score trend</translation>
    </message>
    <message>
        <source>%1 本轮分组得分</source>
        <translation>%1: group scores this round</translation>
    </message>
</context>
<context>
    <name>AuditPages</name>
    <message>
        <source>安全审计</source>
        <translation>Security Audit</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit Log</translation>
    </message>
    <message>
        <source>链校验</source>
        <translation>Chain Verification</translation>
    </message>
</context>
<context>
    <name>AutosaveController</name>
    <message>
        <source>草稿保存失败：%1</source>
        <translation>The draft could not be saved: %1</translation>
    </message>
</context>
<context>
    <name>CatalogPages</name>
    <message>
        <source>政务信息资源目录</source>
        <translation>Resource catalog</translation>
    </message>
    <message>
        <source>我的目录</source>
        <translation>My entries</translation>
    </message>
    <message>
        <source>目录审核</source>
        <translation>Entry review</translation>
    </message>
    <message>
        <source>资源目录</source>
        <translation>Resource catalog</translation>
    </message>
</context>
<context>
    <name>CatalogPresenter</name>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>CatalogWorkbook</name>
    <message>
        <source> 第%1行</source>
        <translation> row %1</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>新增 %1</source>
        <translation>added %1</translation>
    </message>
    <message>
        <source>删除 %1</source>
        <translation>removed %1</translation>
    </message>
    <message>
        <source>修改 %1</source>
        <translation>changed %1</translation>
    </message>
    <message>
        <source>保存为新的草稿</source>
        <translation>Saved as a new draft</translation>
    </message>
</context>
<context>
    <name>CertificatePanel</name>
    <message>
        <source>签名证书</source>
        <translation>Signing certificate</translation>
    </message>
    <message>
        <source>持有人</source>
        <translation>Holder</translation>
    </message>
    <message>
        <source>序列号</source>
        <translation>Serial number</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>生成密钥/申请证书</source>
        <translation>Generate key / request certificate</translation>
    </message>
    <message>
        <source>续期</source>
        <translation>Renew</translation>
    </message>
    <message>
        <source>尚未取得证书</source>
        <translation>No certificate yet</translation>
    </message>
    <message>
        <source>尚未生成密钥</source>
        <translation>No key generated yet</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>即将过期，请续期</source>
        <translation>Expires soon, please renew</translation>
    </message>
    <message>
        <source>已过期，请续期</source>
        <translation>Expired, please renew</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>修改密码</source>
        <translation>Change Password</translation>
    </message>
    <message>
        <source>须修改密码</source>
        <translation>Password Change Required</translation>
    </message>
    <message>
        <source>您正在使用安全管理员设置的临时密码，或密码已超过有效期。请先设置新密码，再继续使用。</source>
        <translation>You are using a temporary password set by the security admin, or your password has expired. Please set a new password before continuing.</translation>
    </message>
    <message>
        <source>修改后，您在其他设备上的登录将被结束。</source>
        <translation>After the change, your sessions on other devices will be ended.</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>当前密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再次输入新密码</source>
        <translation>Confirm new password</translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation>Log Out</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>新密码至少 %1 个字符，包含小写字母、大写字母、数字、符号中的至少 %2 类；首尾不能有空格，不能包含用户名。</source>
        <translation>The new password must be at least %1 characters, including at least %2 of lowercase letters, uppercase letters, digits and symbols; no leading or trailing spaces, and must not contain the username.</translation>
    </message>
    <message>
        <source>新密码不能与当前密码相同</source>
        <translation>The new password cannot be the same as the current password</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致</source>
        <translation>The new passwords do not match</translation>
    </message>
    <message>
        <source>✓ 新密码符合要求</source>
        <translation>✓ New password meets the requirements</translation>
    </message>
    <message>
        <source>正在提交……</source>
        <translation>Submitting…</translation>
    </message>
</context>
<context>
    <name>ChangeReportDialog</name>
    <message>
        <source>已修改：%1 项（点击编辑）</source>
        <translation>Changed: %1 items (click to edit)</translation>
    </message>
    <message>
        <source>编辑信息项…</source>
        <translation>Edit data items…</translation>
    </message>
    <message>
        <source>留空表示此项不变更</source>
        <translation>Leave empty if this element does not change</translation>
    </message>
    <message>
        <source>（不变更）</source>
        <translation>(unchanged)</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>关键要素变更报告</source>
        <translation>Key element change report</translation>
    </message>
    <message>
        <source>关键要素</source>
        <translation>Key elements</translation>
    </message>
    <message>
        <source>变更前</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>变更后</source>
        <translation>After</translation>
    </message>
    <message>
        <source>距报送期限还剩 %1 天（共%2天）</source>
        <translation>%1 days left to report (of %2)</translation>
    </message>
    <message>
        <source>已逾期 %1 天，将记为迟报（第十七条）</source>
        <translation>%1 days late; it will be recorded as a late report (Art. 17)</translation>
    </message>
    <message>
        <source>请至少填写一项变更后的关键要素</source>
        <translation>Fill in at least one changed key element</translation>
    </message>
    <message>
        <source>报送变更报告：%1</source>
        <translation>Report the change: %1</translation>
    </message>
    <message>
        <source>正在报送…</source>
        <translation>Reporting…</translation>
    </message>
</context>
<context>
    <name>ChangeReportForm</name>
    <message>
        <source>关键要素变更报告</source>
        <translation>Key element change report</translation>
    </message>
    <message>
        <source>已发布目录的关键要素（共享类型、条件、范围、方式、更新周期、信息项、依据）变更后，须在变更发生之日起20日内报送共享平台（第十七条）。</source>
        <translation>Changes to key elements of a published entry (share type, conditions, scope, mode, update cycle, data items, legal basis) must be reported to the sharing platform within 20 days of the change (Art. 17).</translation>
    </message>
    <message>
        <source>变更的关键要素（可修改“变更后”一栏）</source>
        <translation>Changed key elements (the &quot;After&quot; column can be edited)</translation>
    </message>
    <message>
        <source>变更生效日期 *</source>
        <translation>Effective date of the change *</translation>
    </message>
    <message>
        <source>变更说明 *</source>
        <translation>Description of the change *</translation>
    </message>
    <message>
        <source>说明变更的原因和内容</source>
        <translation>Explain the reason for and content of the change</translation>
    </message>
    <message>
        <source>报送变更报告</source>
        <translation>Submit change report</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Confirm</name>
    <message>
        <source>对“%1”作出决定：%2。</source>
        <translation>Decision on “%1”: %2.</translation>
    </message>
    <message>
        <source>此操作提交后不能撤销，确定继续吗？</source>
        <translation>This cannot be undone once sent. Continue?</translation>
    </message>
    <message>
        <source>确定继续吗？</source>
        <translation>Continue?</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Conflict</name>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>修改冲突：%1</source>
        <translation>Edit conflict: %1</translation>
    </message>
    <message>
        <source>我的修改基于版本 %1，服务器当前为版本 %2。</source>
        <translation>My changes are based on version %1; the server now has version %2.</translation>
    </message>
    <message>
        <source>我的</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>服务器</source>
        <translation>Server</translation>
    </message>
</context>
<context>
    <name>ConflictForm</name>
    <message>
        <source>修改冲突</source>
        <translation>Edit conflict</translation>
    </message>
    <message>
        <source>其他人已修改了此对象，您的修改所基于的版本已不是最新。请逐项比较，选择保留哪一方的内容。</source>
        <translation>Someone else has changed this object since the version your changes are based on. Compare field by field and choose which content to keep.</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>我的修改</source>
        <translation>My changes</translation>
    </message>
    <message>
        <source>服务器上的当前内容</source>
        <translation>Current content on the server</translation>
    </message>
    <message>
        <source>采用</source>
        <translation>Use</translation>
    </message>
    <message>
        <source>双方内容没有字段差异（仅版本号不同），可直接保留我的操作重新提交。</source>
        <translation>The two versions differ in no field (only the version number); you can keep my action and resubmit.</translation>
    </message>
    <message>
        <source>稍后处理</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>采用服务器的</source>
        <translation>Take the server&apos;s</translation>
    </message>
    <message>
        <source>放弃我的修改，草稿改为服务器上的当前内容</source>
        <translation>Discard my changes; the draft takes the server&apos;s current content</translation>
    </message>
    <message>
        <source>按所选合并</source>
        <translation>Merge as chosen</translation>
    </message>
    <message>
        <source>每个字段采用所选一方的内容，基于服务器的当前版本重新提交</source>
        <translation>Each field takes the chosen side&apos;s content; resubmit on top of the server&apos;s current version</translation>
    </message>
    <message>
        <source>保留我的</source>
        <translation>Keep mine</translation>
    </message>
    <message>
        <source>以我的修改覆盖服务器上的当前版本并重新提交</source>
        <translation>Overwrite the current version on the server with my changes and resubmit</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>争议协调（第二十五条）</source>
        <translation>Dispute mediation (Art. 25)</translation>
    </message>
    <message>
        <source>协调结果</source>
        <translation>Mediation result</translation>
    </message>
    <message>
        <source>撤销拒绝，转平台审核</source>
        <translation>Overturn the rejection and pass it to the platform</translation>
    </message>
    <message>
        <source>维持拒绝</source>
        <translation>Uphold rejection</translation>
    </message>
    <message>
        <source>协调意见：</source>
        <translation>Mediation opinion:</translation>
    </message>
    <message>
        <source>审核共享申请</source>
        <translation>Decide share request</translation>
    </message>
    <message>
        <source>（请选择拒绝的法定事由）</source>
        <translation>(choose the statutory grounds for rejection)</translation>
    </message>
    <message>
        <source>撤销提供方的拒绝，转共享平台审核（第二十五条）</source>
        <translation>Overturn the provider&apos;s rejection and pass the request to the platform&apos;s review (Art. 25)</translation>
    </message>
    <message>
        <source>维持提供方的拒绝（第二十五条）</source>
        <translation>Uphold the provider&apos;s rejection (Art. 25)</translation>
    </message>
    <message>
        <source>同意共享</source>
        <translation>Approve the sharing</translation>
    </message>
    <message>
        <source>拒绝共享，法定事由：%1</source>
        <translation>Reject the sharing, legal ground: %1</translation>
    </message>
    <message>
        <source>撤销拒绝</source>
        <translation>Overturn the rejection</translation>
    </message>
    <message>
        <source>审核决定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>同意</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>拒绝</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>拒绝的法定事由：</source>
        <translation>Statutory grounds for rejection:</translation>
    </message>
    <message>
        <source>第二十二条：非因法定事由不得拒绝</source>
        <translation>Art. 22: no rejection without statutory grounds</translation>
    </message>
    <message>
        <source>意见说明：</source>
        <translation>Comments:</translation>
    </message>
    <message>
        <source>写明具体理由、所依据的法律条款或需补充的材料</source>
        <translation>State the reason, the legal provisions relied on, or the material needed</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>DesktopApp</name>
    <message>
        <source>正在启动内置演示平台…</source>
        <translation>Starting the embedded demo platform…</translation>
    </message>
    <message>
        <source>正在准备演示数据库…</source>
        <translation>Preparing the demo database…</translation>
    </message>
    <message>
        <source>首次运行：正在生成南通市演示数据，约需 20 秒…</source>
        <translation>First run: generating the Nantong demo data, about 20 seconds…</translation>
    </message>
    <message>
        <source>正在启动演示平台服务…</source>
        <translation>Starting the demo platform service…</translation>
    </message>
    <message>
        <source>演示平台数据目录：%1</source>
        <translation>Demo platform data folder: %1</translation>
    </message>
    <message>
        <source>正在恢复上次的登录…</source>
        <translation>Restoring your last session…</translation>
    </message>
    <message>
        <source>演示平台已就绪（%1）。</source>
        <translation>The demo platform is ready (%1).</translation>
    </message>
    <message>
        <source>已生成演示数据。</source>
        <translation>Demo data generated.</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <source>排队的操作已发送到共享平台。</source>
        <translation>The queued action has been sent to the platform.</translation>
    </message>
    <message>
        <source>已按您的选择重新排队，将自动同步。</source>
        <translation>Re-queued as you chose; it will sync automatically.</translation>
    </message>
    <message>
        <source>已采用服务器上的内容，正在重新加载…</source>
        <translation>Took the platform&apos;s version; reloading…</translation>
    </message>
    <message>
        <source>保存已排队，恢复连接后自动发送。</source>
        <translation>Save queued; it is sent automatically once the connection is back.</translation>
    </message>
    <message>
        <source>提交已排队，恢复连接后自动发送。</source>
        <translation>Submission queued; it is sent automatically once the connection is back.</translation>
    </message>
    <message>
        <source>该目录已被他人修改：请在对比窗口中选择保留哪些内容。</source>
        <translation>Someone else changed this entry: choose what to keep in the compare window.</translation>
    </message>
    <message>
        <source>退回原因：%1</source>
        <translation>Reason for returning: %1</translation>
    </message>
    <message>
        <source>新建目录</source>
        <translation>New entry</translation>
    </message>
    <message>
        <source>目录登记 — %1</source>
        <translation>Catalog entry — %1</translation>
    </message>
    <message>
        <source>涉及国家秘密的资源不得在共享平台登记。</source>
        <translation>Resources involving state secrets must not be registered on the sharing platform.</translation>
    </message>
    <message>
        <source>提交已排队，恢复连接后自动发送；发送前不能修改。</source>
        <translation>The submission is queued and will be sent when the connection is back; it cannot be changed until then.</translation>
    </message>
    <message>
        <source>已提交审核，不能修改。</source>
        <translation>Submitted for review: it cannot be changed.</translation>
    </message>
    <message>
        <source>已通过部门审核，等待共享平台确认，不能修改。</source>
        <translation>Approved by the department and awaiting the platform&apos;s confirmation: it cannot be changed.</translation>
    </message>
    <message>
        <source>当前状态（%1）下不能修改。</source>
        <translation>It cannot be changed in its current state (%1).</translation>
    </message>
    <message>
        <source>草稿已自动保存</source>
        <translation>Draft saved automatically</translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>已恢复本地未保存的修改</source>
        <translation>Unsaved local changes restored</translation>
    </message>
    <message>
        <source>已恢复草稿</source>
        <translation>Draft restored</translation>
    </message>
    <message>
        <source>请先修改标出的问题再提交。</source>
        <translation>Fix the marked problems before submitting.</translation>
    </message>
    <message>
        <source>关键要素变更</source>
        <translation>Key element changes</translation>
    </message>
    <message>
        <source>已发布目录的关键要素须通过变更报告修改（第十七条）。</source>
        <translation>Key elements of a published entry change only through a change report (Art. 17).</translation>
    </message>
    <message>
        <source>草稿已保存在本机。</source>
        <translation>Draft saved on this computer.</translation>
    </message>
    <message>
        <source>正在提交…</source>
        <translation>Submitting…</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>已提交，等待本部门审核。</source>
        <translation>Submitted; awaiting the department&apos;s review.</translation>
    </message>
    <message>
        <source>已保存到共享平台。</source>
        <translation>Saved to the sharing platform.</translation>
    </message>
    <message>
        <source>选择接口规范说明文档</source>
        <translation>Choose interface specification documents</translation>
    </message>
    <message>
        <source>文档 (*.pdf *.doc *.docx *.ofd *.wps *.txt *.md *.json *.yaml)</source>
        <translation>Documents (*.pdf *.doc *.docx *.ofd *.wps *.txt *.md *.json *.yaml)</translation>
    </message>
    <message>
        <source>请先保存目录，再上传接口文档。</source>
        <translation>Save the entry before uploading interface documents.</translation>
    </message>
    <message>
        <source>正在上传…</source>
        <translation>Uploading…</translation>
    </message>
    <message>
        <source>删除接口文档：%1</source>
        <translation>Delete interface document: %1</translation>
    </message>
    <message>
        <source>接口文档已更新。</source>
        <translation>Interface documents updated.</translation>
    </message>
    <message>
        <source>操作失败：%1</source>
        <translation>The action failed: %1</translation>
    </message>
    <message>
        <source>目录登记</source>
        <translation>Catalog entry</translation>
    </message>
    <message>
        <source>基本信息</source>
        <translation>Basic information</translation>
    </message>
    <message>
        <source>信息资源分类 *</source>
        <translation>Resource classification *</translation>
    </message>
    <message>
        <source>类：基础 / 主题 / 部门信息资源</source>
        <translation>Class: basic / thematic / departmental resources</translation>
    </message>
    <message>
        <source>项（2位）</source>
        <translation>Item (2 digits)</translation>
    </message>
    <message>
        <source>目（3位）</source>
        <translation>Catalog (3 digits)</translation>
    </message>
    <message>
        <source>细目（可选）</source>
        <translation>Detail (optional)</translation>
    </message>
    <message>
        <source>信息资源名称 *</source>
        <translation>Resource name *</translation>
    </message>
    <message>
        <source>例如：户籍人口基本信息</source>
        <translation>e.g. Basic information on registered residents</translation>
    </message>
    <message>
        <source>信息资源代码</source>
        <translation>Resource code</translation>
    </message>
    <message>
        <source>发布时由共享平台赋码</source>
        <translation>Assigned by the sharing platform on publication</translation>
    </message>
    <message>
        <source>信息资源提供方</source>
        <translation>Resource provider</translation>
    </message>
    <message>
        <source>提供方代码</source>
        <translation>Provider code</translation>
    </message>
    <message>
        <source>信息资源摘要 *</source>
        <translation>Resource summary *</translation>
    </message>
    <message>
        <source>简要说明资源的内容、用途和数据范围</source>
        <translation>Briefly describe the content, purpose and coverage of the resource</translation>
    </message>
    <message>
        <source>信息资源格式 *</source>
        <translation>Resource format *</translation>
    </message>
    <message>
        <source>自描述格式：填写格式说明</source>
        <translation>Self-describing format: describe the format</translation>
    </message>
    <message>
        <source>信息项 *</source>
        <translation>Data items *</translation>
    </message>
    <message>
        <source>添加信息项</source>
        <translation>Add data item</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>共享与开放属性</source>
        <translation>Sharing and openness</translation>
    </message>
    <message>
        <source>共享类型 *</source>
        <translation>Share type *</translation>
    </message>
    <message>
        <source>共享条件 *</source>
        <translation>Share conditions *</translation>
    </message>
    <message>
        <source>有条件共享须写明共享条件（第五条）</source>
        <translation>Conditional sharing needs its conditions stated (Art. 5)</translation>
    </message>
    <message>
        <source>共享范围 *</source>
        <translation>Share scope *</translation>
    </message>
    <message>
        <source>例如：市级政务部门</source>
        <translation>e.g. municipal government departments</translation>
    </message>
    <message>
        <source>不予共享依据 *</source>
        <translation>Grounds for not sharing *</translation>
    </message>
    <message>
        <source>列明法律、法规、规章依据（第十三条）</source>
        <translation>Cite the laws, regulations or rules (Art. 13)</translation>
    </message>
    <message>
        <source>共享方式 *</source>
        <translation>Share mode *</translation>
    </message>
    <message>
        <source>接口地址</source>
        <translation>Interface endpoint</translation>
    </message>
    <message>
        <source>接口服务的访问地址，例如 https://api.example.gov.cn/v1（第十九条）</source>
        <translation>The interface service&apos;s address, e.g. https://api.example.gov.cn/v1 (Art. 19)</translation>
    </message>
    <message>
        <source>开放属性</source>
        <translation>Openness</translation>
    </message>
    <message>
        <source>向社会开放</source>
        <translation>Open to the public</translation>
    </message>
    <message>
        <source>开放条件</source>
        <translation>Opening conditions</translation>
    </message>
    <message>
        <source>更新与关联</source>
        <translation>Updates and relations</translation>
    </message>
    <message>
        <source>更新周期 *</source>
        <translation>Update cycle *</translation>
    </message>
    <message>
        <source>发布日期</source>
        <translation>Published on</translation>
    </message>
    <message>
        <source>发布时自动填写</source>
        <translation>Filled in on publication</translation>
    </message>
    <message>
        <source>关联资源代码</source>
        <translation>Related resource codes</translation>
    </message>
    <message>
        <source>多个代码以逗号分隔，例如 301001/000001</source>
        <translation>Separate several codes with commas, e.g. 301001/000001</translation>
    </message>
    <message>
        <source>保密审查</source>
        <translation>Confidentiality review</translation>
    </message>
    <message>
        <source>涉及国家秘密</source>
        <translation>Involves state secrets</translation>
    </message>
    <message>
        <source>接口规范说明文档</source>
        <translation>Interface specification documents</translation>
    </message>
    <message>
        <source>接口服务方式的资源须提供接口规范说明文档（第十九条）。</source>
        <translation>Resources shared through an interface need an interface specification document (Art. 19).</translation>
    </message>
    <message>
        <source>上传文档…</source>
        <translation>Upload document…</translation>
    </message>
    <message>
        <source>删除文档</source>
        <translation>Delete document</translation>
    </message>
    <message>
        <source>变更报告…</source>
        <translation>Change report…</translation>
    </message>
    <message>
        <source>保存草稿</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <source>提交审核</source>
        <translation>Submit for review</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>%1《%2》%3：%4</source>
        <translation>%1 &quot;%2&quot;%3: %4</translation>
    </message>
    <message>
        <source>一数一源提示（第十八条）：已有部门提供：</source>
        <translation>One data, one source (Art. 18): already provided by:</translation>
    </message>
    <message>
        <source>提交目录：%1</source>
        <translation>Submit entry: %1</translation>
    </message>
    <message>
        <source>未命名目录</source>
        <translation>Untitled entry</translation>
    </message>
    <message>
        <source>新建并提交目录：%1</source>
        <translation>Create and submit entry: %1</translation>
    </message>
    <message>
        <source>新建目录：%1</source>
        <translation>Create entry: %1</translation>
    </message>
    <message>
        <source>修改目录：%1</source>
        <translation>Update entry: %1</translation>
    </message>
</context>
<context>
    <name>EntryFormDialog</name>
    <message>
        <source>目录登记</source>
        <translation>Catalog entry</translation>
    </message>
</context>
<context>
    <name>EntryPrint</name>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>信息项名称</source>
        <translation>Data item</translation>
    </message>
    <message>
        <source>数据类型</source>
        <translation>Data type</translation>
    </message>
    <message>
        <source>长度</source>
        <translation>Length</translation>
    </message>
    <message>
        <source>共享类型</source>
        <translation>Share type</translation>
    </message>
    <message>
        <source>关键项</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>发布（第十六条）</source>
        <translation>Published (Art. 16)</translation>
    </message>
    <message>
        <source>关键要素变更生效（第十七条）</source>
        <translation>Key-element change applied (Art. 17)</translation>
    </message>
</context>
<context>
    <name>ExchangeMessages</name>
    <message>
        <source>文件未通过检查，平台未保存任何内容。问题见下方报告。</source>
        <translation>The file failed the check; the platform kept nothing. See the report below.</translation>
    </message>
    <message>
        <source>一次查询的关键字过多。</source>
        <translation>Too many keys in one query.</translation>
    </message>
    <message>
        <source>请求的信息项未获授权，平台已拒绝并记录（第二十九条）。</source>
        <translation>A requested data item is not granted; the platform refused and logged it (Art. 29).</translation>
    </message>
    <message>
        <source>本部门对该目录没有有效授权（可能已到期或被撤销）。</source>
        <translation>My department has no active grant for this entry (expired or revoked?).</translation>
    </message>
    <message>
        <source>提供部门尚未交付该目录的数据。</source>
        <translation>The provider has not delivered data for this entry yet.</translation>
    </message>
    <message>
        <source>文件超过平台允许的大小上限。</source>
        <translation>The file is larger than the platform allows.</translation>
    </message>
    <message>
        <source>传输未完成（连接中断、授权被撤销或文件不完整），未保存任何文件。可点击“重试”重新开始。</source>
        <translation>The transfer did not complete (connection lost, grant revoked or file incomplete); no file was saved. Click “Retry” to start over.</translation>
    </message>
    <message>
        <source>已取消，未保存任何内容。</source>
        <translation>Cancelled; nothing was saved.</translation>
    </message>
    <message>
        <source>无法读写本地文件：%1</source>
        <translation>Cannot read or write the local file: %1</translation>
    </message>
    <message>
        <source>操作失败：%1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <source>共 %1 个关键字，将分 %2 批查询（每批最多 %3 个）。</source>
        <translation>%1 keys: querying in %2 batches (at most %3 each).</translation>
    </message>
</context>
<context>
    <name>ExchangePages</name>
    <message>
        <source>尚未交付</source>
        <translation>Not delivered yet</translation>
    </message>
    <message>
        <source>%1 行</source>
        <translation>%1 rows</translation>
    </message>
    <message>
        <source>目录名称</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>提供部门</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>已授权信息项</source>
        <translation>Granted data items</translation>
    </message>
    <message>
        <source>共享方式</source>
        <translation>Share mode</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>最近交付</source>
        <translation>Latest delivery</translation>
    </message>
    <message>
        <source>本部门有效授权可获取的数据（第二十二条、第二十四条）</source>
        <translation>Data my department may fetch under active grants (Arts. 22, 24)</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>请选择一个目录。</source>
        <translation>Select an entry.</translation>
    </message>
    <message>
        <source>下载…</source>
        <translation>Download…</translation>
    </message>
    <message>
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>已授权信息项：%1</source>
        <translation>Granted data items: %1</translation>
    </message>
    <message>
        <source>有效期至 %1</source>
        <translation>Valid until %1</translation>
    </message>
    <message>
        <source>接口服务地址：%1（调用提供部门自己的服务，不经本平台传输数据）</source>
        <translation>Interface endpoint: %1 (calls go to the provider&apos;s own service; no data passes through the platform)</translation>
    </message>
    <message>
        <source>本授权不含下载或查询方式。</source>
        <translation>These grants allow neither download nor query.</translation>
    </message>
    <message>
        <source>保存数据</source>
        <translation>Save data</translation>
    </message>
    <message>
        <source>%1 文件 (*.%2)</source>
        <translation>%1 file (*.%2)</translation>
    </message>
    <message>
        <source>正在下载到 %1…</source>
        <translation>Downloading to %1…</translation>
    </message>
    <message>
        <source>下载 %1</source>
        <translation>Download %1</translation>
    </message>
    <message>
        <source>已下载 %1 行（%2）到 %3</source>
        <translation>Downloaded %1 rows (%2) to %3</translation>
    </message>
    <message>
        <source>只看超期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>本部门已发布目录的数据交付（第二十三条）</source>
        <translation>Deliveries of my department&apos;s published entries (Art. 23)</translation>
    </message>
    <message>
        <source>上传数据…</source>
        <translation>Upload data…</translation>
    </message>
    <message>
        <source>CSV 编码</source>
        <translation>CSV encoding</translation>
    </message>
    <message>
        <source>选择要交付的数据文件</source>
        <translation>Choose the data file to deliver</translation>
    </message>
    <message>
        <source>数据文件 (*.csv *.xlsx);;CSV (*.csv);;Excel (*.xlsx)</source>
        <translation>Data files (*.csv *.xlsx);;CSV (*.csv);;Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>只能交付 CSV 或 XLSX 文件。</source>
        <translation>Only CSV or XLSX files can be delivered.</translation>
    </message>
    <message>
        <source>正在上传 %1…</source>
        <translation>Uploading %1…</translation>
    </message>
    <message>
        <source>上传 %1</source>
        <translation>Upload %1</translation>
    </message>
    <message>
        <source>已交付 %1 行（%2），交付编号 %3。</source>
        <translation>Delivered %1 rows (%2), delivery no. %3.</translation>
    </message>
    <message>
        <source>文件表头与目录的信息项不符，未上传。</source>
        <translation>The file&apos;s header does not match the entry&apos;s data items; not uploaded.</translation>
    </message>
    <message>
        <source>更新周期</source>
        <translation>Update cycle</translation>
    </message>
    <message>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>交付次数</source>
        <translation>Deliveries</translation>
    </message>
    <message>
        <source>下次应交付</source>
        <translation>Next due</translation>
    </message>
    <message>
        <source>交付时间</source>
        <translation>Delivered at</translation>
    </message>
    <message>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>交付人</source>
        <translation>Delivered by</translation>
    </message>
    <message>
        <source>按时</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>目录</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>信息项</source>
        <translation>Data items</translation>
    </message>
    <message>
        <source>客户端地址</source>
        <translation>Client address</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>作为提供方</source>
        <translation>As provider</translation>
    </message>
    <message>
        <source>作为使用方</source>
        <translation>As consumer</translation>
    </message>
    <message>
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <source>全部结果</source>
        <translation>All outcomes</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>导出访问日志</source>
        <translation>Export access log</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV file (*.csv)</translation>
    </message>
    <message>
        <source>正在导出到 %1…</source>
        <translation>Exporting to %1…</translation>
    </message>
    <message>
        <source>导出 %1</source>
        <translation>Export %1</translation>
    </message>
    <message>
        <source>已导出到 %1</source>
        <translation>Exported to %1</translation>
    </message>
    <message>
        <source>数据交换</source>
        <translation>Data exchange</translation>
    </message>
    <message>
        <source>数据交付</source>
        <translation>Deliveries</translation>
    </message>
    <message>
        <source>数据获取</source>
        <translation>Data access</translation>
    </message>
    <message>
        <source>访问日志</source>
        <translation>Access log</translation>
    </message>
    <message>
        <source>每行一个关键字</source>
        <translation>One key per line</translation>
    </message>
    <message>
        <source>从文件导入…</source>
        <translation>Import from file…</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Query</translation>
    </message>
    <message>
        <source>导出结果…</source>
        <translation>Export results…</translation>
    </message>
    <message>
        <source>按关键信息项“%1”查询</source>
        <translation>Look up by the key item “%1”</translation>
    </message>
    <message>
        <source>请先输入或导入关键字。</source>
        <translation>Enter or import keys first.</translation>
    </message>
    <message>
        <source>正在查询…</source>
        <translation>Querying…</translation>
    </message>
    <message>
        <source>未查到的关键字（%1 个）：%2</source>
        <translation>Keys not found (%1): %2</translation>
    </message>
    <message>
        <source>查到 %1 行，%2 个关键字无结果。</source>
        <translation>Found %1 rows; %2 keys had no match.</translation>
    </message>
    <message>
        <source>导入关键字</source>
        <translation>Import keys</translation>
    </message>
    <message>
        <source>文本或 CSV 文件 (*.txt *.csv);;所有文件 (*)</source>
        <translation>Text or CSV files (*.txt *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>导出结果</source>
        <translation>Export results</translation>
    </message>
    <message>
        <source>已导出 %1 行到 %2</source>
        <translation>Exported %1 rows to %2</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>导出报告…</source>
        <translation>Export report…</translation>
    </message>
    <message>
        <source>检查了 %1 行，发现 %2 个问题。</source>
        <translation>Checked %1 rows, found %2 problems.</translation>
    </message>
    <message>
        <source>（仅列出前 %1 个）</source>
        <translation>(only the first %1 listed)</translation>
    </message>
    <message>
        <source>导出报告</source>
        <translation>Export report</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>FormatType</name>
    <message>
        <source>达梦Dm</source>
        <translation>Dameng (DM)</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>GrantsPage</name>
    <message>
        <source>信息资源</source>
        <translation>Information resource</translation>
    </message>
    <message>
        <source>信息项</source>
        <translation>Data items</translation>
    </message>
    <message>
        <source>提供部门</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>使用部门</source>
        <translation>Consumer</translation>
    </message>
    <message>
        <source>生效日期</source>
        <translation>Effective date</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>剩余</source>
        <translation>Remaining</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>撤销理由</source>
        <translation>Reason for revocation</translation>
    </message>
    <message>
        <source>没有符合“%1”的授权。</source>
        <translation>No grants match “%1”.</translation>
    </message>
    <message>
        <source>本部门还没有提供给其他部门的授权。其他部门对本部门信息资源的共享申请获批后，授权将按信息项列在这里。</source>
        <translation>Your department has not granted access to other departments yet. When another department&apos;s request for your resources is approved, its grants are listed here by data item.</translation>
    </message>
    <message>
        <source>本部门还没有获得授权。本部门的共享申请获批后（可在“共享目录”中申请），获得的授权将按信息项列在这里。</source>
        <translation>Your department has no grants yet. When a request of yours is approved (apply in the Share catalog), the grants are listed here by data item.</translation>
    </message>
    <message>
        <source>共享平台上还没有授权。共享申请获批后，授权将按信息项列在这里。</source>
        <translation>There are no grants on the platform yet. When a share request is approved, its grants are listed here by data item.</translation>
    </message>
    <message>
        <source>筛选出 %1 条</source>
        <translation>%1 found</translation>
    </message>
    <message>
        <source>共 %1 条</source>
        <translation>%1 in all</translation>
    </message>
    <message>
        <source>申请 #%1 的授权已不在“本部门获得的授权”中。</source>
        <translation>The grants of request #%1 are no longer among your department&apos;s grants.</translation>
    </message>
    <message>
        <source>撤销授权：%1 / %2</source>
        <translation>Revoke grant: %1 / %2</translation>
    </message>
    <message>
        <source>撤销授权</source>
        <translation>Revoke grant</translation>
    </message>
    <message>
        <source>撤销“%1”对“%2”的授权，请说明理由：</source>
        <translation>Revoke the grant of &quot;%2&quot; to &quot;%1&quot;; please give your reasons:</translation>
    </message>
    <message>
        <source>撤销“%1”的这项授权（第三十条）</source>
        <translation>Revoke this grant of “%1” (Art. 30)</translation>
    </message>
    <message>
        <source>已撤销授权：%1 / %2（%3）。</source>
        <translation>Grant revoked: %1 / %2 (%3).</translation>
    </message>
    <message>
        <source>加载失败：%1</source>
        <translation>Loading failed: %1</translation>
    </message>
    <message>
        <source>授权</source>
        <translation>Grants</translation>
    </message>
    <message>
        <source>授权仅覆盖所列信息项（第二十九条）；到期自动失效，续用须重新申请。黄色底纹表示 %1 天内到期。</source>
        <translation>A grant covers only the listed data items (Art. 29); it lapses when it expires, and continued use needs a new request. Yellow rows expire within %1 days.</translation>
    </message>
    <message>
        <source>搜索信息资源、资源代码、信息项或部门</source>
        <translation>Search resources, codes, data items or departments</translation>
    </message>
    <message>
        <source>本部门提供的授权</source>
        <translation>Grants given by my department</translation>
    </message>
    <message>
        <source>本部门获得的授权</source>
        <translation>Grants received by my department</translation>
    </message>
    <message>
        <source>全部授权</source>
        <translation>All grants</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>撤销授权…</source>
        <translation>Revoke grant…</translation>
    </message>
    <message>
        <source>提供部门的信息资源管理员或信息化主管部门可撤销授权，须说明理由</source>
        <translation>The provider&apos;s resource administrator or the informatization authority may revoke a grant, giving reasons</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>待办事项</source>
        <translation>To-do</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>暂无待办事项。</source>
        <translation>Nothing to do.</translation>
    </message>
    <message>
        <source>双击事项打开对应页面。期限按工作日计算（第二十七条），逾期事项以红色标出。</source>
        <translation>Double-click an item to open its page. Deadlines count working days (Art. 27); overdue items are shown in red.</translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 项</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>，其中逾期 %n 项</source>
        <translation>
            <numerusform>, %n overdue</numerusform>
            <numerusform>, %n overdue</numerusform>
        </translation>
    </message>
    <message>
        <source>离线：显示的是 %1 的待办事项，恢复连接后自动刷新。</source>
        <translation>Offline: showing the to-do list as of %1; it refreshes when the connection is back.</translation>
    </message>
    <message>
        <source>无法加载待办事项：%1</source>
        <translation>Cannot load the to-do list: %1</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>导入预览</source>
        <translation>Import preview</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>信息资源名称</source>
        <translation>Resource name</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>变更内容或拒绝原因</source>
        <translation>Changes or reason refused</translation>
    </message>
    <message>
        <source>确认导入</source>
        <translation>Confirm import</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>新增 %1 条，修改 %2 条，报送变更 %3 条，无变化 %4 条，拒绝 %5 条。</source>
        <translation>%1 new, %2 updated, %3 change reports, %4 unchanged, %5 refused. </translation>
    </message>
    <message>
        <source>存在被拒绝的行：请按“变更内容或拒绝原因”修改工作簿后重新导入。</source>
        <translation>Some rows are refused: fix the workbook as the reasons say and import it again. </translation>
    </message>
    <message>
        <source>导入要么全部执行，要么全部不执行。</source>
        <translation>An import is applied entirely or not at all.</translation>
    </message>
    <message>
        <source>工作簿与平台上的目录一致，没有需要导入的内容。</source>
        <translation>The workbook matches the platform&apos;s catalog: nothing to import.</translation>
    </message>
    <message>
        <source>新增的目录保存为草稿；</source>
        <translation>New entries are saved as drafts; </translation>
    </message>
    <message>
        <source>已发布目录的关键要素（★）将报送变更，由平台审核后生效（第十七条）。</source>
        <translation>key elements (★) of published entries are reported as changes, effective once the platform applies them (Art. 17).</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>导入目录工作簿（%1 条）</source>
        <translation>Import catalog workbook (%1 entries)</translation>
    </message>
    <message>
        <source>已导入：新增 %1 条草稿，修改 %2 条，报送变更 %3 条。</source>
        <translation>Imported: %1 new drafts, %2 updated, %3 change reports.</translation>
    </message>
    <message>
        <source>共享平台暂时无法连接：导入已保存，联网后自动发送。</source>
        <translation>The platform cannot be reached: the import is saved and will be sent when online.</translation>
    </message>
    <message>
        <source>导入未执行（没有任何目录被修改）：%1</source>
        <translation>Nothing was imported (no entry changed): %1</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>剩余工作日</source>
        <translation>Working days left</translation>
    </message>
    <message>
        <source>已超过办理期限</source>
        <translation>Past the deadline</translation>
    </message>
</context>
<context>
    <name>InboxPlurals</name>
    <message numerus="yes">
        <source>逾期 %n 个工作日</source>
        <translation>
            <numerusform>%n working day overdue</numerusform>
            <numerusform>%n working days overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>剩余 %n 个工作日</source>
        <translation>
            <numerusform>%n working day left</numerusform>
            <numerusform>%n working days left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InboxPresenter</name>
    <message>
        <source>目录被退回修改</source>
        <translation>Entry returned for changes</translation>
    </message>
    <message>
        <source>目录待审核</source>
        <translation>Entry to review</translation>
    </message>
    <message>
        <source>目录待确认发布</source>
        <translation>Entry to confirm</translation>
    </message>
    <message>
        <source>关键要素变更报告</source>
        <translation>Key element change report</translation>
    </message>
    <message>
        <source>共享申请待审核</source>
        <translation>Share request to decide</translation>
    </message>
    <message>
        <source>共享申请待复核</source>
        <translation>Share request to co-review</translation>
    </message>
    <message>
        <source>共享申请逾期未办</source>
        <translation>Share request overdue</translation>
    </message>
    <message>
        <source>共享争议待协调</source>
        <translation>Dispute to mediate</translation>
    </message>
    <message>
        <source>共享申请被驳回</source>
        <translation>Share request rejected</translation>
    </message>
    <message>
        <source>待签保密协议</source>
        <translation>Confidentiality agreement to sign</translation>
    </message>
    <message>
        <source>授权即将到期</source>
        <translation>Grant expiring soon</translation>
    </message>
    <message>
        <source>数据待交付</source>
        <translation>Data delivery due</translation>
    </message>
    <message>
        <source>使用情况询问待答复</source>
        <translation>Usage inquiry to answer</translation>
    </message>
    <message>
        <source>使用情况询问逾期未答复</source>
        <translation>Usage inquiry overdue</translation>
    </message>
    <message>
        <source>数据异议待核实</source>
        <translation>Discrepancy to verify</translation>
    </message>
    <message>
        <source>数据异议待确认</source>
        <translation>Discrepancy answer to review</translation>
    </message>
    <message>
        <source>数据异议待协调</source>
        <translation>Discrepancy to arbitrate</translation>
    </message>
    <message>
        <source>考核结果待确认</source>
        <translation>Assessment result to review</translation>
    </message>
    <message>
        <source>考核申辩待查阅</source>
        <translation>Assessment explanations to read</translation>
    </message>
    <message>
        <source>整改通知待办理</source>
        <translation>Rectification order to answer</translation>
    </message>
    <message>
        <source>整改情况待验收</source>
        <translation>Rectification to accept</translation>
    </message>
    <message>
        <source>整改通知逾期未办</source>
        <translation>Rectification order overdue</translation>
    </message>
    <message>
        <source>工作日安排待确认</source>
        <translation>Working-day schedule to confirm</translation>
    </message>
    <message>
        <source>（暂定）</source>
        <translation>(provisional)</translation>
    </message>
    <message>
        <source>今天到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>截止日期超出节假日数据的年份，按暂定工作日计算，以平台公布的日历为准。</source>
        <translation>The due date lies beyond the years of the holiday data; it is computed with provisional working days, and the platform&apos;s published calendar prevails.</translation>
    </message>
</context>
<context>
    <name>ItemTable</name>
    <message>
        <source>已有其他部门提供此信息项（一数一源，第十八条）</source>
        <translation>Another department already provides this data item (one data, one source, Art. 18)</translation>
    </message>
    <message>
        <source>同资源</source>
        <translation>As resource</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>关键信息项</source>
        <translation>Key item</translation>
    </message>
    <message>
        <source>交付文件中唯一、按其查询的信息项（如公民身份号码），至多一项</source>
        <translation>The item that is unique in deliveries and used for lookups (e.g. citizen ID number); at most one</translation>
    </message>
    <message>
        <source>共享类型</source>
        <translation>Share type</translation>
    </message>
    <message>
        <source>长度</source>
        <translation>Length</translation>
    </message>
    <message>
        <source>数据类型</source>
        <translation>Data type</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
</context>
<context>
    <name>ItemsDialog</name>
    <message>
        <source>信息项名称不能为空</source>
        <translation>The data item name must not be empty</translation>
    </message>
    <message>
        <source>变更后的信息项</source>
        <translation>Data items after the change</translation>
    </message>
</context>
<context>
    <name>ItemsDialogForm</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>添加信息项</source>
        <translation>Add item</translation>
    </message>
    <message>
        <source>编辑变更后的全部信息项（与目录登记表相同），确定后随变更报告报送。</source>
        <translation>Edit all data items after the change (as in the entry form); they are reported with the change report.</translation>
    </message>
    <message>
        <source>变更后的信息项</source>
        <translation>Data items after the change</translation>
    </message>
</context>
<context>
    <name>KeySetupDialog</name>
    <message>
        <source>设置签名密钥</source>
        <translation>Set up signing key</translation>
    </message>
    <message>
        <source>至少 %1 个字符</source>
        <translation>At least %1 characters</translation>
    </message>
    <message>
        <source>您没有可签署协议的角色（信息资源管理员或平台管理员）。</source>
        <translation>You hold no role that signs agreements (resource administrator or platform administrator).</translation>
    </message>
    <message>
        <source>本机已有签名密钥：输入口令或 PIN 后可直接申请（续期）证书。</source>
        <translation>A signing key is already on this computer: enter its passphrase or PIN to request (renew) the certificate.</translation>
    </message>
    <message>
        <source>① 生成密钥</source>
        <translation>① Generate key</translation>
    </message>
    <message>
        <source>② 申请证书</source>
        <translation>② Request certificate</translation>
    </message>
    <message>
        <source>③ 完成</source>
        <translation>③ Done</translation>
    </message>
    <message>
        <source>操作失败：%1</source>
        <translation>Operation failed: %1</translation>
    </message>
    <message>
        <source>正在生成密钥……</source>
        <translation>Generating the key…</translation>
    </message>
    <message>
        <source>密钥已生成。下一步：申请证书。</source>
        <translation>Key generated. Next: request the certificate.</translation>
    </message>
    <message>
        <source>正在生成证书申请……</source>
        <translation>Preparing the certificate request…</translation>
    </message>
    <message>
        <source>正在向共享平台申请证书……</source>
        <translation>Requesting the certificate from the platform…</translation>
    </message>
    <message>
        <source>申请签名证书</source>
        <translation>Request signing certificate</translation>
    </message>
    <message>
        <source>当前离线：证书申请已保存，联网后自动提交，证书签发后将自动保存到本机。</source>
        <translation>Offline: the request is saved and sent when you reconnect; the certificate is stored on this computer once issued.</translation>
    </message>
    <message>
        <source>证书申请失败。</source>
        <translation>The certificate request failed.</translation>
    </message>
    <message>
        <source>证书已签发并保存：%1，有效期至 %2。</source>
        <translation>Certificate issued and stored: %1, valid until %2.</translation>
    </message>
    <message>
        <source>选择 UKey 驱动模块</source>
        <translation>Choose the UKey driver module</translation>
    </message>
    <message>
        <source>PKCS#11 模块 (*.so *.dll *.dylib);;所有文件 (*)</source>
        <translation>PKCS#11 modules (*.so *.dll *.dylib);;All files (*)</translation>
    </message>
    <message>
        <source>正在查找 UKey……</source>
        <translation>Looking for UKeys…</translation>
    </message>
    <message>
        <source>找到 %1 个 UKey。</source>
        <translation>Found %1 UKey(s).</translation>
    </message>
    <message>
        <source>未找到 UKey，请插入后重试。</source>
        <translation>No UKey found; insert it and try again.</translation>
    </message>
    <message>
        <source>签署三方数据保密协议（第三十条）需要签名密钥和平台签发的证书。密钥只保存在本机或 UKey 中，不会上传。</source>
        <translation>Signing three-party agreements (Art. 30) needs a signing key and a certificate from the platform. The key stays on this computer or the UKey and is never uploaded.</translation>
    </message>
    <message>
        <source>密钥保存方式</source>
        <translation>Where the key is kept</translation>
    </message>
    <message>
        <source>文件密钥（本机，口令保护）</source>
        <translation>File key (this computer, passphrase-protected)</translation>
    </message>
    <message>
        <source>硬件密钥 UKey</source>
        <translation>Hardware key (UKey)</translation>
    </message>
    <message>
        <source>密钥口令</source>
        <translation>Key passphrase</translation>
    </message>
    <message>
        <source>再次输入口令</source>
        <translation>Repeat passphrase</translation>
    </message>
    <message>
        <source>记住口令（保存在系统钥匙串中）</source>
        <translation>Remember passphrase (in the system keychain)</translation>
    </message>
    <message>
        <source>驱动模块</source>
        <translation>Driver module</translation>
    </message>
    <message>
        <source>UKey 厂商提供的 PKCS#11 模块（.so / .dll / .dylib）</source>
        <translation>The UKey vendor&apos;s PKCS#11 module (.so / .dll / .dylib)</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>UKey</source>
        <translation>UKey</translation>
    </message>
    <message>
        <source>查找 UKey</source>
        <translation>Find UKeys</translation>
    </message>
    <message>
        <source>PIN 码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>证书用途（角色）</source>
        <translation>Certificate role</translation>
    </message>
    <message>
        <source>生成密钥</source>
        <translation>Generate key</translation>
    </message>
    <message>
        <source>申请证书</source>
        <translation>Request certificate</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录 GovShare</source>
        <translation>Sign in to GovShare</translation>
    </message>
    <message>
        <source>重新登录</source>
        <translation>Sign in again</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>登录已过期，请重新输入密码。已打开的页面和草稿都会保留。</source>
        <translation>Your sign-in has expired; please enter your password again. Open pages and drafts are kept.</translation>
    </message>
    <message>
        <source>请点击“重试”。如果仍然失败，请把日志文件发给技术支持人员。</source>
        <translation>Please click “Retry”. If it fails again, send the log file to your technical support.</translation>
    </message>
    <message>
        <source>日志文件：%1</source>
        <translation>Log file: %1</translation>
    </message>
    <message>
        <source>请点击“重试”。如果仍然失败，请把详细信息发给技术支持人员。</source>
        <translation>Please click “Retry”. If it fails again, send the details to your technical support.</translation>
    </message>
    <message>
        <source>演示账号（%1 个）</source>
        <translation>Demo accounts (%1)</translation>
    </message>
    <message>
        <source>单击账号填入用户名和密码，双击直接登录。演示账号的密码都是 %1。</source>
        <translation>Click an account to fill in its user name and password; double-click to sign in. Every demo account has the password %1.</translation>
    </message>
    <message>
        <source>正在登录…</source>
        <translation>Signing in…</translation>
    </message>
</context>
<context>
    <name>LoginForm</name>
    <message>
        <source>GovShare 政务信息资源共享</source>
        <translation>GovShare Government Information Sharing</translation>
    </message>
    <message>
        <source>政务信息资源目录与共享管理客户端</source>
        <translation>Client for government information resource catalogs and sharing</translation>
    </message>
    <message>
        <source>平台(&amp;P)：</source>
        <translation>&amp;Platform:</translation>
    </message>
    <message>
        <source>管理…</source>
        <translation>Manage…</translation>
    </message>
    <message>
        <source>添加或修改平台地址和证书</source>
        <translation>Add or change platform addresses and certificates</translation>
    </message>
    <message>
        <source>用户名(&amp;U)：</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>请输入用户名</source>
        <translation>Enter your user name</translation>
    </message>
    <message>
        <source>密码(&amp;W)：</source>
        <translation>Pass&amp;word:</translation>
    </message>
    <message>
        <source>请输入密码</source>
        <translation>Enter your password</translation>
    </message>
    <message>
        <source>记住登录状态（令牌保存在系统密钥环中，不保存密码）</source>
        <translation>Keep me signed in (the token goes to the system keyring; the password is never stored)</translation>
    </message>
    <message>
        <source>本机没有可用的系统密钥环：登录状态只保留到退出程序，下次启动需重新登录。</source>
        <translation>No system keyring is available on this computer: you stay signed in only until the program exits, and must sign in again next time.</translation>
    </message>
    <message>
        <source>内置演示平台未能启动。</source>
        <translation>The embedded demo platform could not start.</translation>
    </message>
    <message>
        <source>详细信息</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>显示或隐藏错误详情</source>
        <translation>Show or hide the error details</translation>
    </message>
    <message>
        <source>重试(&amp;R)</source>
        <translation>&amp;Retry</translation>
    </message>
    <message>
        <source>再次启动内置演示平台</source>
        <translation>Start the embedded demo platform again</translation>
    </message>
    <message>
        <source>演示账号</source>
        <translation>Demo accounts</translation>
    </message>
    <message>
        <source>单击账号填入用户名和密码，双击直接登录。</source>
        <translation>Click an account to fill in its user name and password; double-click to sign in.</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
</context>
<context>
    <name>LoginPresenter</name>
    <message>
        <source>演示平台</source>
        <translation>Demo platform</translation>
    </message>
    <message>
        <source>登录失败：%1</source>
        <translation>Sign-in failed: %1</translation>
    </message>
    <message>
        <source>从本机登录失败的次数过多，请稍后再试。</source>
        <translation>Too many failed login attempts from this computer. Please try again later.</translation>
    </message>
    <message>
        <source>登录失败次数过多，账号已临时锁定，请于 %1 之后再试。</source>
        <translation>Too many failed sign-ins: the account is locked; try again after %1.</translation>
    </message>
    <message>
        <source>请输入用户名和密码。</source>
        <translation>Please enter your user name and password.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>GovShare 政务信息资源共享</source>
        <translation>GovShare Government Information Sharing</translation>
    </message>
    <message>
        <source>此事项已不在列表中，可能已由他人办理。请刷新待办事项。</source>
        <translation>This item is no longer listed; someone may have dealt with it. Refresh the to-do list.</translation>
    </message>
    <message>
        <source>已打开办理此事项的列表，请在列表中选择编号为 %1 的事项。</source>
        <translation>The list that handles this item is open: select item no. %1 in it.</translation>
    </message>
    <message>
        <source>当前页面不能刷新。</source>
        <translation>This page cannot be refreshed.</translation>
    </message>
    <message>
        <source>当前页面没有搜索框。</source>
        <translation>This page has no search box.</translation>
    </message>
    <message>
        <source>当前页面没有可保存的草稿。</source>
        <translation>This page has no draft to save.</translation>
    </message>
    <message>
        <source>草稿已保存在本机。</source>
        <translation>Draft saved on this computer.</translation>
    </message>
    <message>
        <source>无法新建目录条目。</source>
        <translation>Cannot create a catalog entry here.</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>新建目录条目(&amp;N)…</source>
        <translation>&amp;New catalog entry…</translation>
    </message>
    <message>
        <source>保存草稿(&amp;D)</source>
        <translation>Save &amp;draft</translation>
    </message>
    <message>
        <source>设置(&amp;S)…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>通知设置(&amp;O)…</source>
        <translation>N&amp;otification Settings…</translation>
    </message>
    <message>
        <source>修改密码(&amp;P)…</source>
        <translation>Change &amp;Password…</translation>
    </message>
    <message>
        <source>注销(&amp;L)</source>
        <translation>&amp;Log out</translation>
    </message>
    <message>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>查找(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>待办事项(&amp;T)</source>
        <translation>&amp;To-do list</translation>
    </message>
    <message>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>用户指南(&amp;G)</source>
        <translation>User &amp;guide</translation>
    </message>
    <message>
        <source>关于 GovShare(&amp;A)</source>
        <translation>&amp;About GovShare</translation>
    </message>
    <message>
        <source>没有处理此事项的页面。</source>
        <translation>No page handles this item.</translation>
    </message>
    <message>
        <source>&lt;h3&gt;GovShare 政务信息资源共享&lt;/h3&gt;&lt;p&gt;版本 %1&lt;/p&gt;&lt;p&gt;依据《南通市政务信息资源共享管理办法》的政务信息资源目录编制、共享申请与授权管理客户端。&lt;/p&gt;</source>
        <translation>&lt;h3&gt;GovShare Government Information Sharing&lt;/h3&gt;&lt;p&gt;Version %1&lt;/p&gt;&lt;p&gt;The client for compiling government information resource catalogs, share requests and grants under the Nantong Municipal Measures for the Sharing of Government Information Resources.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>关于 GovShare</source>
        <translation>About GovShare</translation>
    </message>
</context>
<context>
    <name>MyEntriesPage</name>
    <message>
        <source>删除草稿</source>
        <translation>Delete draft</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>删除所选的草稿目录（仅限尚未提交的草稿）</source>
        <translation>Delete the selected draft entry (drafts not yet submitted only)</translation>
    </message>
    <message>
        <source>本地草稿已删除。</source>
        <translation>Local draft deleted.</translation>
    </message>
    <message>
        <source>确定删除本地草稿“%1”？草稿及其尚未发送的操作将被丢弃，无法恢复。</source>
        <translation>Delete the local draft “%1”? The draft and its unsent actions are discarded; this cannot be undone.</translation>
    </message>
    <message>
        <source>已提交《%1》，等待本部门审核。</source>
        <translation>“%1” submitted; awaiting your department&apos;s review.</translation>
    </message>
    <message>
        <source>已撤回《%1》，可以修改后重新提交。</source>
        <translation>“%1” recalled; you can edit it and submit it again.</translation>
    </message>
    <message>
        <source>已删除草稿目录《%1》。</source>
        <translation>Draft entry “%1” deleted.</translation>
    </message>
    <message>
        <source>删除本地草稿</source>
        <translation>Delete local draft</translation>
    </message>
    <message>
        <source>删除草稿目录：%1</source>
        <translation>Delete draft entry: %1</translation>
    </message>
    <message>
        <source>确定删除草稿目录《%1》？删除后无法恢复。</source>
        <translation>Delete the draft entry “%1”? This cannot be undone.</translation>
    </message>
    <message>
        <source>删除草稿目录</source>
        <translation>Delete draft entry</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>操作未完成：%1</source>
        <translation>Not done: %1</translation>
    </message>
    <message>
        <source>该目录已被他人修改，请在对比窗口中处理。</source>
        <translation>Someone else changed this entry; resolve it in the compare window.</translation>
    </message>
    <message>
        <source>操作已完成。</source>
        <translation>Done.</translation>
    </message>
    <message>
        <source>撤回目录：%1</source>
        <translation>Recall entry: %1</translation>
    </message>
    <message>
        <source>提交目录：%1</source>
        <translation>Submit entry: %1</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>信息资源名称</source>
        <translation>Resource name</translation>
    </message>
    <message>
        <source>信息资源代码</source>
        <translation>Resource code</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>共享类型</source>
        <translation>Share type</translation>
    </message>
    <message>
        <source>更新周期</source>
        <translation>Update cycle</translation>
    </message>
    <message>
        <source>更新时间</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>全部共享类型</source>
        <translation>All share types</translation>
    </message>
    <message>
        <source>全部更新周期</source>
        <translation>All update cycles</translation>
    </message>
    <message>
        <source>编号 %1 的目录已不在退回列表中，可能已重新提交。</source>
        <translation>Entry no. %1 is no longer among the returned entries; it may have been resubmitted.</translation>
    </message>
    <message>
        <source>%1（本地草稿，%2 保存）</source>
        <translation>%1 (local draft, saved %2)</translation>
    </message>
    <message>
        <source>未命名目录</source>
        <translation>Untitled entry</translation>
    </message>
    <message>
        <source>没有符合条件的目录。点击“新建”登记第一条。</source>
        <translation>No matching entries. Click &quot;New&quot; to register the first one.</translation>
    </message>
    <message>
        <source>超过 %1 条，已显示 %2 条</source>
        <translation>More than %1, %2 shown</translation>
    </message>
    <message>
        <source>共 %1 条，已显示 %2 条</source>
        <translation>%1 in total, %2 shown</translation>
    </message>
    <message>
        <source>离线：显示 %1 的缓存</source>
        <translation>Offline: showing the cache of %1</translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>查看</source>
        <translation>View</translation>
    </message>
    <message>
        <source>修改关键要素后点击“变更报告…”报送（第十七条）。</source>
        <translation>After changing key elements, click &quot;Change report…&quot; to report them (Art. 17).</translation>
    </message>
    <message>
        <source>搜索名称、摘要、信息项…</source>
        <translation>Search names, summaries, data items…</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>变更报告</source>
        <translation>Change report</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>本地草稿（尚未发送）</source>
        <translation>Local draft (not sent yet)</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>待办事项</source>
        <translation>To-do</translation>
    </message>
    <message>
        <source>工作台</source>
        <translation>Workbench</translation>
    </message>
</context>
<context>
    <name>NotificationSettingsDialog</name>
    <message>
        <source>通知设置</source>
        <translation>Notification Settings</translation>
    </message>
    <message>
        <source>有新的待办事项时，程序在系统托盘（没有系统托盘时在窗口底部的状态栏）显示通知；同一事项只通知一次。请选择要通知的事项类型：</source>
        <translation>When a new to-do item arrives, the program shows a notification in the system tray (in the status bar at the bottom of the window when there is no system tray); each item is notified once. Choose the kinds of items to be notified of:</translation>
    </message>
    <message>
        <source>全部通知</source>
        <translation>Notify All</translation>
    </message>
    <message>
        <source>全部不通知</source>
        <translation>Notify None</translation>
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
    <name>ObjectListPage</name>
    <message>
        <source>该对象已被他人处理或修改，已重新加载最新内容，请核对后再操作。</source>
        <translation>Someone else has acted on or changed this; the latest version was loaded. Check it before you act.</translation>
    </message>
    <message>
        <source>已办理：%1。</source>
        <translation>Done: %1.</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>正在加载……</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>共 %1 条</source>
        <translation>%1 items</translation>
    </message>
    <message>
        <source>没有记录。</source>
        <translation>No records.</translation>
    </message>
    <message>
        <source>加载失败：%1</source>
        <translation>Could not load: %1</translation>
    </message>
    <message>
        <source>无法打开：%1</source>
        <translation>Could not open: %1</translation>
    </message>
    <message>
        <source>已重新加载最新内容，请核对后再操作。</source>
        <translation>The latest version was loaded; check it before you act.</translation>
    </message>
    <message>
        <source>正在提交……</source>
        <translation>Sending…</translation>
    </message>
</context>
<context>
    <name>Offline</name>
    <message>
        <source>已离线保存，恢复连接后自动提交。</source>
        <translation>Saved offline; it will be submitted automatically when the connection is back.</translation>
    </message>
    <message>
        <source>已保存到待发送队列，将按顺序自动提交。</source>
        <translation>Saved to the outbox; it will be submitted automatically, in order.</translation>
    </message>
</context>
<context>
    <name>PagedTableModel</name>
    <message>
        <source>列表共 %1 条，过长无法排序；请先搜索或筛选缩小范围。</source>
        <translation>The list has %1 rows, too many to sort: search or filter first.</translation>
    </message>
</context>
<context>
    <name>PlatformAdminPages</name>
    <message>
        <source>平台管理</source>
        <translation>Platform Administration</translation>
    </message>
    <message>
        <source>平台策略</source>
        <translation>Platform Policy</translation>
    </message>
    <message>
        <source>工作日调整</source>
        <translation>Working Day Adjustments</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>退回原因将告知登记人（必填）</source>
        <translation>The registrar will be told the reason (required)</translation>
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
    <name>RectificationPage</name>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>该年度的法定节假日安排尚未公布，期限按暂定工作日历计算，公布后可能调整。</source>
        <translation>That year&apos;s official holiday schedule is not published yet: the due date uses a provisional calendar and may change.</translation>
    </message>
    <message>
        <source>第三十六条</source>
        <translation>Art. 36</translation>
    </message>
    <message>
        <source>下发时间</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>提交整改情况…</source>
        <translation>Answer…</translation>
    </message>
    <message>
        <source>验收通过</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>退回…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <source>撤销…</source>
        <translation>Withdraw…</translation>
    </message>
    <message>
        <source>请说明整改措施不到位之处和需要补充的内容（第三十六条）：</source>
        <translation>Say what the measures lack and what must be added (Art. 36):</translation>
    </message>
    <message>
        <source>撤销误发的整改通知。请说明理由：</source>
        <translation>Withdraw an order issued in error. Give the reason:</translation>
    </message>
    <message>
        <source>已办理：%1（%2），当前状态：%3。</source>
        <translation>Done: %1 (%2); now: %3.</translation>
    </message>
    <message>
        <source>整改通知 #%1（%2）</source>
        <translation>Rectification order #%1 (%2)</translation>
    </message>
    <message>
        <source>（暂定）</source>
        <translation> (provisional)</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>下发</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>考核轮次</source>
        <translation>Assessment round</translation>
    </message>
    <message>
        <source>提交时间</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>办结时间</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>办理过程</source>
        <translation>History</translation>
    </message>
    <message>
        <source>整改期限：%1</source>
        <translation>Due: %1</translation>
    </message>
    <message>
        <source>下发整改通知</source>
        <translation>Issue rectification order</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>写明发现的问题、时间、涉及的信息资源等，例如：2026年第三季度未按要求更新……</source>
        <translation>The problem found, when, and the resources concerned, e.g. not updated as required in Q3 2026…</translation>
    </message>
    <message>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <source>整改部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>违反条项</source>
        <translation>Item breached</translation>
    </message>
    <message>
        <source>问题事实</source>
        <translation>Facts</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>提交整改情况</source>
        <translation>Answer the order</translation>
    </message>
    <message>
        <source>写明已采取的整改措施、完成情况和长效机制</source>
        <translation>The measures taken, what is done, and how it will stay fixed</translation>
    </message>
    <message>
        <source>可选：整改证明材料（不超过 %1 MB）</source>
        <translation>Optional: evidence (at most %1 MB)</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <source>证据材料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>已上传：%1（%2）；不选择新文件则保留。</source>
        <translation>Uploaded: %1 (%2); kept unless you choose a new file.</translation>
    </message>
    <message>
        <source>选择整改证明材料</source>
        <translation>Choose the evidence</translation>
    </message>
    <message>
        <source>请填写整改措施，至少 %1 个字。</source>
        <translation>Describe the measures (at least %1 characters).</translation>
    </message>
    <message>
        <source>找不到该文件：%1</source>
        <translation>File not found: %1</translation>
    </message>
    <message>
        <source>证据材料不能超过 %1 MB。</source>
        <translation>The evidence may not exceed %1 MB.</translation>
    </message>
    <message>
        <source>证据材料是空文件。</source>
        <translation>The evidence file is empty.</translation>
    </message>
    <message>
        <source>正在提交……</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>正在上传证据材料：%1（%2）……</source>
        <translation>Uploading the evidence: %1 (%2)…</translation>
    </message>
    <message>
        <source>提交整改情况：%1</source>
        <translation>Answer: %1</translation>
    </message>
    <message>
        <source>上传证据材料：%1</source>
        <translation>Upload evidence: %1</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>请说明整改措施不到位之处和需要补充的内容</source>
        <translation>What the measures lack and what must be added</translation>
    </message>
    <message>
        <source>重新确定整改期限</source>
        <translation>Set a new due date</translation>
    </message>
    <message>
        <source>不重新确定的，原整改期限不变。</source>
        <translation>Without a new one, the due date stays.</translation>
    </message>
    <message>
        <source>退回理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>新的期限</source>
        <translation>New due</translation>
    </message>
    <message>
        <source>请填写退回理由，至少 %1 个字。</source>
        <translation>Give the reason (at least %1 characters).</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>上传证据材料</source>
        <translation>Upload evidence</translation>
    </message>
    <message>
        <source>请选择整改部门。</source>
        <translation>Choose the department.</translation>
    </message>
    <message>
        <source>请选择所违反的第三十六条条项。</source>
        <translation>Choose the item of Art. 36 breached.</translation>
    </message>
    <message>
        <source>请填写问题事实，%1 至 %2 个字。</source>
        <translation>Describe the facts (%1 to %2 characters).</translation>
    </message>
    <message>
        <source>请填写内容，%1 至 %2 个字。</source>
        <translation>Fill this in (%1 to %2 characters).</translation>
    </message>
    <message>
        <source>整改期限应为 1 至 %1 个工作日。</source>
        <translation>The due date must be 1 to %1 working days away.</translation>
    </message>
    <message>
        <source>仅看逾期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>搜索部门、问题事实或整改措施</source>
        <translation>Search department, facts or measures</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>下发整改通知…</source>
        <translation>Issue order…</translation>
    </message>
    <message>
        <source>下发整改通知：%1</source>
        <translation>Issue order: %1</translation>
    </message>
    <message>
        <source>下载证据…</source>
        <translation>Download evidence…</translation>
    </message>
    <message>
        <source>打开证据</source>
        <translation>Open evidence</translation>
    </message>
    <message>
        <source>证据材料已保存：%1</source>
        <translation>Evidence saved: %1</translation>
    </message>
    <message>
        <source>保存证据材料</source>
        <translation>Save the evidence</translation>
    </message>
</context>
<context>
    <name>ReportPreview</name>
    <message>
        <source>报告预览 - %1</source>
        <translation>Report preview - %1</translation>
    </message>
    <message>
        <source>正在生成报告…</source>
        <translation>Making the report…</translation>
    </message>
    <message>
        <source>已显示封面，正在生成其余页面（%1 个部门）…</source>
        <translation>Cover shown; making the other pages (%1 departments)…</translation>
    </message>
    <message>
        <source>报告中没有该部门的评估结果。</source>
        <translation>The report has no result for that department.</translation>
    </message>
    <message>
        <source>生成报告失败：%1</source>
        <translation>Could not make the report: %1</translation>
    </message>
    <message>
        <source>考核评估报告</source>
        <translation>Assessment report</translation>
    </message>
    <message>
        <source>报告预览</source>
        <translation>Report preview</translation>
    </message>
    <message>
        <source>上一页</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>上一页（PgUp）</source>
        <translation>Previous page (PgUp)</translation>
    </message>
    <message>
        <source>跳到第几页</source>
        <translation>Go to page</translation>
    </message>
    <message>
        <source>下一页</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>下一页（PgDown）</source>
        <translation>Next page (PgDown)</translation>
    </message>
    <message>
        <source>缩小（Ctrl+-）</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <source>放大（Ctrl++）</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>整页</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <source>整页显示</source>
        <translation>Show the whole page</translation>
    </message>
    <message>
        <source>另存为PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>把报告 PDF 保存到本机</source>
        <translation>Save the report PDF on this computer</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>关闭预览（Esc）</source>
        <translation>Close the preview (Esc)</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>停止打印</source>
        <translation>Stop printing</translation>
    </message>
</context>
<context>
    <name>RequestFormDialog</name>
    <message>
        <source>共享申请</source>
        <translation>Share requests</translation>
    </message>
    <message>
        <source>勾选业务所需的信息项（最小必要）。</source>
        <translation>Tick the data items the business needs (the minimum).</translation>
    </message>
    <message>
        <source>该信息项不予共享，不能申请（第五条）</source>
        <translation>This data item is not shared and cannot be requested (Art. 5)</translation>
    </message>
    <message>
        <source>草稿已自动保存 %1</source>
        <translation>Draft saved automatically %1</translation>
    </message>
    <message>
        <source>正在提交……</source>
        <translation>Submitting…</translation>
    </message>
    <message>
        <source>提交共享申请：%1</source>
        <translation>Submit share request: %1</translation>
    </message>
    <message>
        <source>已离线保存，恢复连接后自动提交。</source>
        <translation>Saved offline; it will be submitted automatically when the connection is back.</translation>
    </message>
    <message>
        <source>提交失败：%1</source>
        <translation>Submission failed: %1</translation>
    </message>
    <message>
        <source>申请的信息资源</source>
        <translation>Requested resource</translation>
    </message>
    <message>
        <source>申请的信息项</source>
        <translation>Requested data items</translation>
    </message>
    <message>
        <source>勾选业务所需的信息项（最小必要）；标为“不予共享”的信息项不能申请。</source>
        <translation>Tick the data items the work needs (the minimum necessary); items marked &quot;not shared&quot; cannot be requested.</translation>
    </message>
    <message>
        <source>申请内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>应用业务：</source>
        <translation>Business use:</translation>
    </message>
    <message>
        <source>例如：户籍迁移业务办理中的身份核验</source>
        <translation>e.g. identity checks when handling household registration transfers</translation>
    </message>
    <message>
        <source>使用对象：</source>
        <translation>Used by:</translation>
    </message>
    <message>
        <source>例如：本局户政窗口工作人员</source>
        <translation>e.g. staff at our household registration counters</translation>
    </message>
    <message>
        <source>共享方式：</source>
        <translation>Sharing mode:</translation>
    </message>
    <message>
        <source>申请理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>说明履行哪项法定职责需要这些信息（第二十二条：按照履行职责的需要申请）</source>
        <translation>Explain which statutory duty needs this information (Art. 22: apply as your duties require)</translation>
    </message>
    <message>
        <source>截止时间：</source>
        <translation>Valid until:</translation>
    </message>
    <message>
        <source>申请使用信息的截止日期，须晚于今天；到期后授权自动失效</source>
        <translation>Last day of use; must be after today. The grant lapses on that date</translation>
    </message>
    <message>
        <source>法定共享依据（必填）</source>
        <translation>Statutory citation (required)</translation>
    </message>
    <message>
        <source>该资源属不予共享类（第五条：依法不能提供给其他部门共享）。仅当法律、法规、规章明确规定本部门可以获取时方可申请：请写明法律规定的名称和条款。申请不经提供部门审核，直接报信息化主管部门审核（第二十五条）。</source>
        <translation>This resource is not shared (Art. 5: it may not be shared with other departments by law). Request it only where a law, regulation or rule expressly entitles your department to it: name the provision and its article. The request skips the providing department and goes straight to the informatisation authority (Art. 25).</translation>
    </message>
    <message>
        <source>例如：《中华人民共和国××法》第×条</source>
        <translation>e.g. Article X of the Law of the PRC on …</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>提交申请</source>
        <translation>Submit request</translation>
    </message>
</context>
<context>
    <name>RequestPages</name>
    <message>
        <source>信息资源共享</source>
        <translation>Resource sharing</translation>
    </message>
    <message>
        <source>共享目录</source>
        <translation>Share catalog</translation>
    </message>
    <message>
        <source>我的申请</source>
        <translation>My requests</translation>
    </message>
    <message>
        <source>待审申请</source>
        <translation>Requests to decide</translation>
    </message>
    <message>
        <source>授权</source>
        <translation>Grants</translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <source>正在加载……</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>筛选出 %1 条</source>
        <translation>%1 found</translation>
    </message>
    <message>
        <source>没有申请。</source>
        <translation>No requests.</translation>
    </message>
    <message>
        <source>共 %1 条</source>
        <translation>%1 in total</translation>
    </message>
    <message>
        <source>无法连接共享平台，本机没有缓存。</source>
        <translation>Cannot reach the sharing platform; nothing is cached on this computer.</translation>
    </message>
    <message>
        <source>离线：缓存数据，截至 %1</source>
        <translation>Offline: cached data as of %1</translation>
    </message>
    <message>
        <source>申请 #%1 已不在此列表中，可能已由他人办理。</source>
        <translation>Request #%1 is no longer in this list; someone may have dealt with it.</translation>
    </message>
    <message>
        <source>正在提交……</source>
        <translation>Submitting…</translation>
    </message>
    <message>
        <source>申请 #%1：%2 申请使用“%3”（%4）</source>
        <translation>Request #%1: %2 applies to use &quot;%3&quot; (%4)</translation>
    </message>
    <message>
        <source>撤回申请</source>
        <translation>Withdraw request</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>提出异议</source>
        <translation>Raise dispute</translation>
    </message>
    <message>
        <source>全部申请</source>
        <translation>All requests</translation>
    </message>
    <message>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>我的申请</source>
        <translation>My requests</translation>
    </message>
    <message>
        <source>待本部门审核</source>
        <translation>Awaiting my department</translation>
    </message>
    <message>
        <source>待平台审核</source>
        <translation>Awaiting platform</translation>
    </message>
    <message>
        <source>争议待协调</source>
        <translation>Disputes to mediate</translation>
    </message>
    <message>
        <source>待签署保密协议</source>
        <translation>Awaiting agreement</translation>
    </message>
    <message>
        <source>本部门资源的全部申请</source>
        <translation>All requests for my department&apos;s resources</translation>
    </message>
    <message>
        <source>待审申请</source>
        <translation>Requests to decide</translation>
    </message>
    <message>
        <source>提供部门</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>申请部门</source>
        <translation>Requesting department</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>信息资源</source>
        <translation>Information resource</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>剩余工作日</source>
        <translation>Working days left</translation>
    </message>
    <message>
        <source>超期 %1</source>
        <translation>%1 overdue</translation>
    </message>
    <message>
        <source>（暂定）</source>
        <translation>(provisional)</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>结果状态</source>
        <translation>Resulting state</translation>
    </message>
    <message>
        <source>意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>法定共享依据：%1</source>
        <translation>Statutory citation: %1</translation>
    </message>
    <message>
        <source>创建申请</source>
        <translation>Request created</translation>
    </message>
    <message>
        <source>修改申请</source>
        <translation>Request changed</translation>
    </message>
    <message>
        <source>提交申请</source>
        <translation>Submit request</translation>
    </message>
    <message>
        <source>无条件共享，自动授权</source>
        <translation>Unconditional sharing: granted automatically</translation>
    </message>
    <message>
        <source>依法定依据转平台审核</source>
        <translation>Sent to the platform on a legal basis</translation>
    </message>
    <message>
        <source>提供方同意</source>
        <translation>Approved by provider</translation>
    </message>
    <message>
        <source>提供方拒绝</source>
        <translation>Rejected by provider</translation>
    </message>
    <message>
        <source>平台同意</source>
        <translation>Approved by platform</translation>
    </message>
    <message>
        <source>平台同意（法定共享）</source>
        <translation>Approved by platform (statutory sharing)</translation>
    </message>
    <message>
        <source>平台拒绝</source>
        <translation>Rejected by platform</translation>
    </message>
    <message>
        <source>保密协议已签署</source>
        <translation>Agreement signed</translation>
    </message>
    <message>
        <source>三方保密协议签署完成</source>
        <translation>Three-party agreement signed</translation>
    </message>
    <message>
        <source>保密协议被拒签</source>
        <translation>Agreement declined</translation>
    </message>
    <message>
        <source>协调：维持拒绝</source>
        <translation>Mediation: rejection upheld</translation>
    </message>
    <message>
        <source>协调：撤销拒绝</source>
        <translation>Mediation: rejection overturned</translation>
    </message>
    <message>
        <source>撤销授权</source>
        <translation>Revoke grant</translation>
    </message>
    <message>
        <source>到期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>超期督办</source>
        <translation>Escalated as overdue</translation>
    </message>
    <message>
        <source>审核申请</source>
        <translation>Decide request</translation>
    </message>
    <message>
        <source>争议协调</source>
        <translation>Mediate dispute</translation>
    </message>
    <message>
        <source>共享类型</source>
        <translation>Share type</translation>
    </message>
    <message>
        <source>信息项</source>
        <translation>Data items</translation>
    </message>
    <message>
        <source>应用业务</source>
        <translation>Business use</translation>
    </message>
    <message>
        <source>使用对象</source>
        <translation>Used by</translation>
    </message>
    <message>
        <source>申请理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>截止时间</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Received on</translation>
    </message>
    <message>
        <source>审核期限</source>
        <translation>Decision deadline</translation>
    </message>
    <message>
        <source>法定共享依据</source>
        <translation>Legal basis for sharing</translation>
    </message>
    <message>
        <source>拒绝事由</source>
        <translation>Ground for rejection</translation>
    </message>
    <message>
        <source>拒绝说明</source>
        <translation>Explanation of rejection</translation>
    </message>
    <message>
        <source>异议</source>
        <translation>Dispute</translation>
    </message>
    <message>
        <source>协调意见</source>
        <translation>Mediation opinion</translation>
    </message>
    <message>
        <source>%1：申请 #%2（%3）</source>
        <translation>%1: request #%2 (%3)</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>withdrawn</translation>
    </message>
    <message>
        <source>已提出异议</source>
        <translation>dispute raised</translation>
    </message>
    <message>
        <source>已作出审核决定</source>
        <translation>decision made</translation>
    </message>
    <message>
        <source>已作出协调结论</source>
        <translation>mediation concluded</translation>
    </message>
    <message>
        <source>%1：申请 #%2（%3），当前状态：%4。</source>
        <translation>%1: request #%2 (%3), now %4.</translation>
    </message>
    <message>
        <source>操作已完成</source>
        <translation>done</translation>
    </message>
    <message>
        <source>申请 #%1（%2）</source>
        <translation>request #%1 (%2)</translation>
    </message>
    <message>
        <source>撤回该共享申请（如需使用须重新申请）</source>
        <translation>Withdraw this share request (to use the data later, apply again)</translation>
    </message>
    <message>
        <source>对拒绝决定有异议的，可提请信息化主管部门协调（第二十五条）。请说明理由：</source>
        <translation>If you disagree with a rejection, you may ask the informatization authority to mediate (Art. 25). Please give your reasons:</translation>
    </message>
    <message>
        <source>待发送</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>登记内容</source>
        <translation>Registered content</translation>
    </message>
    <message>
        <source>“%1”：%2。%3</source>
        <translation>“%1”: %2. %3</translation>
    </message>
    <message>
        <source>该目录已被他人处理或修改，请在对比窗口中选择。</source>
        <translation>Someone else has handled or changed this entry; choose in the compare window.</translation>
    </message>
    <message>
        <source>应用变更报告</source>
        <translation>Apply change report</translation>
    </message>
    <message>
        <source>（迟报，超过%1日）</source>
        <translation>(late: more than %1 days)</translation>
    </message>
    <message>
        <source>平台退回</source>
        <translation>Returned by the platform</translation>
    </message>
    <message>
        <source>本部门待审核目录</source>
        <translation>Department&apos;s entries to review</translation>
    </message>
    <message>
        <source>待平台确认目录</source>
        <translation>Entries awaiting platform confirmation</translation>
    </message>
    <message>
        <source>待处理的变更报告</source>
        <translation>Change reports to handle</translation>
    </message>
    <message>
        <source>要素</source>
        <translation>Element</translation>
    </message>
    <message>
        <source>上一发布版本</source>
        <translation>Last published version</translation>
    </message>
    <message>
        <source>本次</source>
        <translation>This time</translation>
    </message>
    <message>
        <source>信息资源</source>
        <translation>Information resource</translation>
    </message>
    <message>
        <source>生效日期</source>
        <translation>Effective date</translation>
    </message>
    <message>
        <source>报送日期</source>
        <translation>Reported on</translation>
    </message>
    <message>
        <source>报送期限</source>
        <translation>Report due</translation>
    </message>
    <message>
        <source>是否迟报</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>迟报</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>提交时间</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>信息资源名称</source>
        <translation>Resource name</translation>
    </message>
    <message>
        <source>提供方</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>共享类型</source>
        <translation>Share type</translation>
    </message>
    <message>
        <source>提交人</source>
        <translation>Submitted by</translation>
    </message>
    <message>
        <source>审核期限</source>
        <translation>Review due</translation>
    </message>
    <message>
        <source>本人提交</source>
        <translation>Submitted by you</translation>
    </message>
    <message>
        <source>队列中没有待处理的事项。</source>
        <translation>Nothing in the queue.</translation>
    </message>
    <message>
        <source>超过 %1 项</source>
        <translation>More than %1 items</translation>
    </message>
    <message>
        <source>共 %1 项</source>
        <translation>%1 items</translation>
    </message>
    <message>
        <source>编号 %1 的事项已不在待审核队列中，可能已由他人处理。</source>
        <translation>Item no. %1 is no longer in the review queue; someone may have dealt with it.</translation>
    </message>
    <message>
        <source>请选择左侧待审核的条目</source>
        <translation>Select an entry to review on the left</translation>
    </message>
    <message>
        <source>正在加载与上一发布版本的差异…</source>
        <translation>Loading the differences from the last published version…</translation>
    </message>
    <message>
        <source>新登记的目录：显示全部要素。</source>
        <translation>Newly registered entry: all elements are shown.</translation>
    </message>
    <message>
        <source>与上一发布版本相比，%1 项要素有变化（黄色标出）。</source>
        <translation>%1 elements changed since the last published version (highlighted in yellow).</translation>
    </message>
    <message>
        <source> 本人登记或提交的目录须由其他审核员审核（第十五条）。</source>
        <translation> An entry you registered or submitted is reviewed by another reviewer (Art. 15).</translation>
    </message>
    <message>
        <source>审核通过</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>确认发布</source>
        <translation>Confirm and publish</translation>
    </message>
    <message>
        <source>退回…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <source>变更报告：%1</source>
        <translation>Change report: %1</translation>
    </message>
    <message>
        <source>生效日期 %1，报送日期 %2%3。说明：%4</source>
        <translation>Effective %1, reported %2%3. Description: %4</translation>
    </message>
    <message>
        <source>应用变更</source>
        <translation>Apply change</translation>
    </message>
    <message>
        <source>驳回…</source>
        <translation>Reject…</translation>
    </message>
    <message>
        <source>驳回变更报告</source>
        <translation>Reject change report</translation>
    </message>
    <message>
        <source>退回目录</source>
        <translation>Return entry</translation>
    </message>
    <message>
        <source>请填写驳回原因：</source>
        <translation>Reason for rejecting it:</translation>
    </message>
    <message>
        <source>请填写退回原因：</source>
        <translation>Reason for returning it:</translation>
    </message>
    <message>
        <source>审核通过，报送共享平台确认（第十五条）</source>
        <translation>Approve and send to the platform for confirmation (Art. 15)</translation>
    </message>
    <message>
        <source>退回登记人修改</source>
        <translation>Return to the registrar for changes</translation>
    </message>
    <message>
        <source>确认发布到政务信息资源目录并赋信息资源代码（第十六条）</source>
        <translation>Publish in the government information resource catalog and assign its resource code (Art. 16)</translation>
    </message>
    <message>
        <source>退回提供部门修改</source>
        <translation>Return to the providing department for changes</translation>
    </message>
    <message>
        <source>按变更报告调整共享目录（第十七条）</source>
        <translation>Apply the change report to the share catalog (Art. 17)</translation>
    </message>
    <message>
        <source>驳回变更报告，不调整共享目录</source>
        <translation>Reject the change report; leave the share catalog as it is</translation>
    </message>
    <message>
        <source>理由：%1。</source>
        <translation>Reason: %1.</translation>
    </message>
    <message>
        <source>正在提交…</source>
        <translation>Submitting…</translation>
    </message>
    <message>
        <source>“%1”未能%2：%3</source>
        <translation>“%1”: could not %2: %3</translation>
    </message>
    <message>
        <source>已%1：“%2”。</source>
        <translation>Done (%1): “%2”.</translation>
    </message>
    <message>
        <source>信息资源代码：%1</source>
        <translation>Resource code: %1</translation>
    </message>
    <message>
        <source>（超期 %1 个工作日）</source>
        <translation>(%1 working days overdue)</translation>
    </message>
    <message>
        <source>（剩 %1 个工作日）</source>
        <translation>(%1 working days left)</translation>
    </message>
    <message>
        <source>待审核队列</source>
        <translation>Review queue</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>查看完整目录</source>
        <translation>View full entry</translation>
    </message>
</context>
<context>
    <name>SecurityPages</name>
    <message>
        <source>新建部门…</source>
        <translation>New Department…</translation>
    </message>
    <message>
        <source>安全管理</source>
        <translation>Security Management</translation>
    </message>
    <message>
        <source>用户管理</source>
        <translation>User Management</translation>
    </message>
    <message>
        <source>部门管理</source>
        <translation>Department Management</translation>
    </message>
    <message>
        <source>资源管理员备案</source>
        <translation>Resource Administrator Filing</translation>
    </message>
    <message>
        <source>密码策略</source>
        <translation>Password Policy</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>待改密</source>
        <translation>Password Change Pending</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation>Reset Password…</translation>
    </message>
    <message>
        <source>停用“%1”？停用后该用户不能登录，已登录的会话立即结束；可随时重新启用。</source>
        <translation>Disable “%1”? The user will be unable to log in and active sessions will end immediately; the account can be re-enabled at any time.</translation>
    </message>
    <message>
        <source>启用“%1”？启用后该用户可以重新登录。</source>
        <translation>Enable “%1”? The user will be able to log in again.</translation>
    </message>
    <message>
        <source>解锁“%1”？解除因多次输错密码造成的临时锁定，该用户可以立即登录。</source>
        <translation>Unlock “%1”? This clears the temporary lockout caused by repeated wrong passwords; the user can log in immediately.</translation>
    </message>
    <message>
        <source>撤销“%1”的资源管理员备案？撤销后该部门在重新备案前不能审核共享申请（第二十八条）。</source>
        <translation>Revoke the resource administrator filing of “%1”? Until refiled, the department cannot review sharing requests (Article 28).</translation>
    </message>
    <message>
        <source>无法连接共享平台。含密码的操作不会保存到本机待发送队列，请在恢复连接后重试。</source>
        <translation>Cannot connect to the sharing platform. Operations involving passwords are not saved to the local outgoing queue; please retry once the connection is restored.</translation>
    </message>
    <message>
        <source>新建用户…</source>
        <translation>New User…</translation>
    </message>
</context>
<context>
    <name>SendingDialog</name>
    <message>
        <source>正在提交……</source>
        <translation>Submitting…</translation>
    </message>
</context>
<context>
    <name>SessionStatusBar</name>
    <message>
        <source>● 在线</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>● 离线</source>
        <translation>● Offline</translation>
    </message>
    <message>
        <source>已连接共享平台</source>
        <translation>Connected to the sharing platform</translation>
    </message>
    <message>
        <source>无法连接共享平台：草稿和操作保存在本机，恢复连接后自动同步。</source>
        <translation>Cannot reach the sharing platform: drafts and actions are kept on this computer and sync when the connection is back.</translation>
    </message>
    <message>
        <source>尚未同步</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <source>上次同步：%1</source>
        <translation>Last sync: %1</translation>
    </message>
    <message numerus="yes">
        <source>待上传 %n 项</source>
        <translation>
            <numerusform>%n change to upload</numerusform>
            <numerusform>%n changes to upload</numerusform>
        </translation>
    </message>
    <message>
        <source>无待上传的更改</source>
        <translation>No changes waiting to upload</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>请填写平台名称。</source>
        <translation>Please enter a platform name.</translation>
    </message>
    <message>
        <source>平台地址须以 http:// 或 https:// 开头。</source>
        <translation>The platform address must start with http:// or https://.</translation>
    </message>
    <message>
        <source>找不到 CA 证书文件：%1</source>
        <translation>CA bundle not found: %1</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>平台配置</source>
        <translation>Platforms</translation>
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
        <source>选择 CA 证书</source>
        <translation>Choose CA bundle</translation>
    </message>
    <message>
        <source>证书文件 (*.pem *.crt *.cer);;所有文件 (*)</source>
        <translation>Certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>语言(&amp;L)：</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>更改界面语言将在重新启动程序后生效。</source>
        <translation>A new interface language takes effect after restarting the program.</translation>
    </message>
    <message>
        <source>平台配置</source>
        <translation>Platforms</translation>
    </message>
    <message>
        <source>名称(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>例如：市共享平台</source>
        <translation>e.g. City sharing platform</translation>
    </message>
    <message>
        <source>地址(&amp;A)：</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>CA 证书(&amp;C)：</source>
        <translation>&amp;CA bundle:</translation>
    </message>
    <message>
        <source>可选：PEM 格式证书文件，留空使用系统证书</source>
        <translation>Optional: a PEM certificate file; empty uses the system certificates</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>保存平台</source>
        <translation>Save platform</translation>
    </message>
</context>
<context>
    <name>ShareCatalogPage</name>
    <message>
        <source>不予共享：仅可依据法律、法规申请，申请时须引用所依据的法律、法规条款（第五条、第二十五条）</source>
        <translation>Not shared: may be requested only on a legal basis; cite the law or regulation in the request (Art. 5, Art. 25)</translation>
    </message>
    <message>
        <source>资源名称</source>
        <translation>Resource name</translation>
    </message>
    <message>
        <source>资源代码</source>
        <translation>Resource code</translation>
    </message>
    <message>
        <source>信息项名称</source>
        <translation>Data item name</translation>
    </message>
    <message>
        <source>数据类型</source>
        <translation>Data type</translation>
    </message>
    <message>
        <source>长度</source>
        <translation>Length</translation>
    </message>
    <message>
        <source>排序</source>
        <translation>Sort</translation>
    </message>
    <message>
        <source>相关度</source>
        <translation>Relevance</translation>
    </message>
    <message>
        <source>最新</source>
        <translation>Newest</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>正在加载……</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>没有符合条件的资源。</source>
        <translation>No matching resources.</translation>
    </message>
    <message>
        <source>超过 %1 条资源，已显示 %2 条</source>
        <translation>More than %1 resources, %2 shown</translation>
    </message>
    <message>
        <source>共 %1 条资源，已显示 %2 条</source>
        <translation>%1 resources, %2 shown</translation>
    </message>
    <message>
        <source>加载失败：%1</source>
        <translation>Loading failed: %1</translation>
    </message>
    <message>
        <source>无法连接共享平台，且本机没有缓存的共享目录。</source>
        <translation>Cannot reach the sharing platform, and there is no cached share catalog on this computer.</translation>
    </message>
    <message>
        <source>离线浏览：%1 条</source>
        <translation>Offline: %1 shown</translation>
    </message>
    <message>
        <source>（缓存数据，截至 %1）</source>
        <translation>(cached data as of %1)</translation>
    </message>
    <message>
        <source>编号 %1 的目录不在共享目录中。</source>
        <translation>Entry no. %1 is not in the share catalog.</translation>
    </message>
    <message>
        <source>正在加载详情……</source>
        <translation>Loading details…</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>共享目录</source>
        <translation>Share catalog</translation>
    </message>
    <message>
        <source>搜索资源名称、摘要或信息项，例如：人口、社保、婚姻登记</source>
        <translation>Search resource names, summaries or data items, e.g. population, social insurance, marriage registration</translation>
    </message>
    <message>
        <source>提供部门</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>共享类型</source>
        <translation>Share type</translation>
    </message>
    <message>
        <source>共享方式</source>
        <translation>Share mode</translation>
    </message>
    <message>
        <source>更新周期</source>
        <translation>Update cycle</translation>
    </message>
    <message>
        <source>资源分类</source>
        <translation>Classification</translation>
    </message>
    <message>
        <source>在左侧列表中选择一条资源，查看其元数据和信息项。</source>
        <translation>Select a resource in the list on the left to see its metadata and data items.</translation>
    </message>
    <message>
        <source>资源详情</source>
        <translation>Resource details</translation>
    </message>
    <message>
        <source>资源名称：</source>
        <translation>Resource name:</translation>
    </message>
    <message>
        <source>资源代码：</source>
        <translation>Resource code:</translation>
    </message>
    <message>
        <source>提供方：</source>
        <translation>Provider:</translation>
    </message>
    <message>
        <source>提供方代码：</source>
        <translation>Provider code:</translation>
    </message>
    <message>
        <source>资源分类：</source>
        <translation>Classification:</translation>
    </message>
    <message>
        <source>资源摘要：</source>
        <translation>Summary:</translation>
    </message>
    <message>
        <source>资源格式：</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>共享类型：</source>
        <translation>Share type:</translation>
    </message>
    <message>
        <source>共享条件：</source>
        <translation>Share conditions:</translation>
    </message>
    <message>
        <source>共享范围：</source>
        <translation>Share scope:</translation>
    </message>
    <message>
        <source>共享方式：</source>
        <translation>Share mode:</translation>
    </message>
    <message>
        <source>开放属性：</source>
        <translation>Openness:</translation>
    </message>
    <message>
        <source>更新周期：</source>
        <translation>Update cycle:</translation>
    </message>
    <message>
        <source>发布日期：</source>
        <translation>Published on:</translation>
    </message>
    <message>
        <source>关联资源：</source>
        <translation>Related resources:</translation>
    </message>
    <message>
        <source>信息项</source>
        <translation>Data items</translation>
    </message>
    <message>
        <source>申请共享…</source>
        <translation>Request sharing…</translation>
    </message>
    <message>
        <source>按照履行职责的需要申请使用该资源（第二十二条）</source>
        <translation>Apply to use this resource as your duties require (Art. 22)</translation>
    </message>
</context>
<context>
    <name>SharePresenter</name>
    <message>
        <source>剩 %1 个工作日</source>
        <translation>%1 working days left</translation>
    </message>
    <message>
        <source>今日到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>已过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>（暂定）</source>
        <translation>(provisional)</translation>
    </message>
    <message>
        <source>%1 已超期 %2 个工作日</source>
        <translation>%1, %2 working days overdue</translation>
    </message>
    <message>
        <source>%1（剩 %2 个工作日）</source>
        <translation>%1 (%2 working days left)</translation>
    </message>
    <message>
        <source>资源代码：%1</source>
        <translation>Resource code: %1</translation>
    </message>
    <message>
        <source>（未赋码）</source>
        <translation>(no code yet)</translation>
    </message>
    <message>
        <source>提供方：%1</source>
        <translation>Provider: %1</translation>
    </message>
    <message>
        <source>共享类型：%1</source>
        <translation>Share type: %1</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>无条件共享：申请已自动通过，授权立即生效，可在“授权”页查看。</source>
        <translation>Unconditional sharing: the request was approved automatically and the grant is active at once; see the &quot;Grants&quot; page.</translation>
    </message>
    <message>
        <source>申请已提交，当前状态：%1。</source>
        <translation>Request submitted; current state: %1.</translation>
    </message>
    <message>
        <source>须在 %1 前完成审核（剩 %2 个工作日，第二十七条）</source>
        <translation>To be decided by %1 (%2 working days left, Art. 27)</translation>
    </message>
    <message>
        <source>（节假日安排暂定）</source>
        <translation>(holiday schedule provisional)</translation>
    </message>
    <message>
        <source>。</source>
        <translation>.</translation>
    </message>
    <message>
        <source>申请 #%1 已在共享平台上保存为草稿。修改后再次提交，将提交这份申请，不会重复创建。</source>
        <translation>Request #%1 is saved on the platform as a draft. Submitting again after your corrections submits this request; no second one is created.</translation>
    </message>
</context>
<context>
    <name>ShareReasonDialog</name>
    <message>
        <source>填写理由</source>
        <translation>Give a reason</translation>
    </message>
    <message>
        <source>请填写理由</source>
        <translation>Please give a reason</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>ShareRequestsPage</name>
    <message>
        <source>共享申请</source>
        <translation>Share requests</translation>
    </message>
    <message>
        <source>显示：</source>
        <translation>Show:</translation>
    </message>
    <message>
        <source>搜索信息资源、资源代码、部门或应用业务</source>
        <translation>Search resources, codes, departments or business</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>本机草稿（未提交）</source>
        <translation>Local drafts (not submitted)</translation>
    </message>
    <message>
        <source>申请详情</source>
        <translation>Request details</translation>
    </message>
    <message>
        <source>在左侧列表中选择一条申请查看详情。</source>
        <translation>Select a request in the list on the left to see its details.</translation>
    </message>
    <message>
        <source>办理记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>继续编辑草稿</source>
        <translation>Continue editing draft</translation>
    </message>
    <message>
        <source>撤回申请</source>
        <translation>Withdraw request</translation>
    </message>
    <message>
        <source>提出异议…</source>
        <translation>Raise dispute…</translation>
    </message>
    <message>
        <source>对拒绝决定有异议的，可提请信息化主管部门协调（第二十五条）</source>
        <translation>If you disagree with a rejection, you may ask the informatization authority to mediate (Art. 25)</translation>
    </message>
    <message>
        <source>审核…</source>
        <translation>Decide…</translation>
    </message>
    <message>
        <source>同意，或依法定事由拒绝（第二十二条）</source>
        <translation>Approve, or reject on statutory grounds (Art. 22)</translation>
    </message>
    <message>
        <source>协调争议…</source>
        <translation>Mediate dispute…</translation>
    </message>
    <message>
        <source>维持或撤销拒绝（第二十五条）</source>
        <translation>Uphold or overturn the rejection (Art. 25)</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>签署协议</source>
        <translation>Sign agreement</translation>
    </message>
    <message>
        <source>您将代表%1签署%2。</source>
        <translation>You will sign %2 on behalf of the %1.</translation>
    </message>
    <message>
        <source>PIN 码：</source>
        <translation>PIN:</translation>
    </message>
    <message>
        <source>密钥口令：</source>
        <translation>Key passphrase:</translation>
    </message>
    <message>
        <source>已填入本机记住的口令</source>
        <translation>Filled in with the passphrase remembered on this computer</translation>
    </message>
    <message>
        <source>本机没有可用的签名密钥。</source>
        <translation>This computer has no usable signing key.</translation>
    </message>
    <message>
        <source>请输入 PIN 码。</source>
        <translation>Enter the PIN.</translation>
    </message>
    <message>
        <source>请输入密钥口令。</source>
        <translation>Enter the key passphrase.</translation>
    </message>
    <message>
        <source>正在签署……</source>
        <translation>Signing…</translation>
    </message>
    <message>
        <source>签署失败：%1</source>
        <translation>Signing failed: %1</translation>
    </message>
    <message>
        <source>已签署，正在提交共享平台校验……</source>
        <translation>Signed; sending it to the platform for verification…</translation>
    </message>
    <message>
        <source>签署：%1</source>
        <translation>Sign: %1</translation>
    </message>
    <message>
        <source>共享平台未接受签名：%1</source>
        <translation>The platform did not accept the signature: %1</translation>
    </message>
    <message>
        <source>尚未取得证书，请先设置签名密钥并申请证书。</source>
        <translation>No certificate yet: set up a signing key and request a certificate first.</translation>
    </message>
    <message>
        <source>证书：%1（%2），有效期至 %3</source>
        <translation>Certificate: %1 (%2), valid until %3</translation>
    </message>
    <message>
        <source>签名密钥</source>
        <translation>Signing key</translation>
    </message>
    <message>
        <source>本机文件密钥</source>
        <translation>File key on this computer</translation>
    </message>
    <message>
        <source>UKey（硬件密钥）</source>
        <translation>UKey (hardware key)</translation>
    </message>
    <message>
        <source>签章预览</source>
        <translation>Stamp preview</translation>
    </message>
    <message>
        <source>签名使用本人的证书，加在协议 PDF 上后提交共享平台校验；签署后不能撤回。私钥不会离开本机。</source>
        <translation>The signature uses your own certificate; it is added to the agreement PDF and sent to the platform for verification. It cannot be withdrawn. The private key never leaves this computer.</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>签署</source>
        <translation>Sign</translation>
    </message>
</context>
<context>
    <name>SupervisionPages</name>
    <message>
        <source>考核监督</source>
        <translation>Assessment &amp; supervision</translation>
    </message>
    <message>
        <source>整改</source>
        <translation>Rectification</translation>
    </message>
</context>
<context>
    <name>SyncEngine</name>
    <message>
        <source>所依赖的新建操作已不存在。</source>
        <translation>The creation this action depends on no longer exists.</translation>
    </message>
    <message>
        <source>操作失败：</source>
        <translation>The action failed: </translation>
    </message>
    <message>
        <source>排队的新建已发送，正在同步，请稍后再保存。</source>
        <translation>The queued creation has been sent and is syncing; save again in a moment.</translation>
    </message>
    <message>
        <source>修改已合并到待发送的新建操作中。</source>
        <translation>Your changes were merged into the queued creation.</translation>
    </message>
    <message>
        <source>当前离线，操作已保存到待发送队列，恢复连接后将按顺序自动提交。</source>
        <translation>Offline: the action was saved to the outbox and will be submitted automatically, in order, when the connection is back.</translation>
    </message>
    <message>
        <source>前面还有待发送的操作，本操作已排在其后，将按顺序自动提交。</source>
        <translation>Earlier actions are still waiting to be sent; this one is queued after them and will be submitted automatically, in order.</translation>
    </message>
</context>
<context>
    <name>TrayView</name>
    <message>
        <source>GovShare 政务信息资源共享</source>
        <translation>GovShare Government Information Sharing</translation>
    </message>
    <message>
        <source>通知</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>最近的通知和通知设置</source>
        <translation>Recent notifications and notification settings</translation>
    </message>
    <message>
        <source>最近的通知</source>
        <translation>Recent notifications</translation>
    </message>
    <message>
        <source>暂无通知</source>
        <translation>No notifications</translation>
    </message>
    <message>
        <source>打开待办事项</source>
        <translation>Open the to-do list</translation>
    </message>
    <message>
        <source>通知设置…</source>
        <translation>Notification Settings…</translation>
    </message>
</context>
<context>
    <name>UsagePages</name>
    <message>
        <source>正在加载……</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>加载失败：%1</source>
        <translation>Loading failed: %1</translation>
    </message>
    <message>
        <source>新建询问</source>
        <translation>New inquiry</translation>
    </message>
    <message>
        <source>例如：请说明获取的数据用于哪些业务、使用范围及安全措施</source>
        <translation>e.g. Which business uses the data, its scope and safeguards</translation>
    </message>
    <message>
        <source>不设期限</source>
        <translation>No deadline</translation>
    </message>
    <message>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <source>信息资源</source>
        <translation>Resource</translation>
    </message>
    <message>
        <source>使用部门</source>
        <translation>Consumer department</translation>
    </message>
    <message>
        <source>询问内容</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>答复期限</source>
        <translation>Answer due</translation>
    </message>
    <message>
        <source>本部门的信息资源还没有有效授权，无可询问的使用部门。</source>
        <translation>No active grants on your resources: no department to ask.</translation>
    </message>
    <message>
        <source>请选择信息资源和使用部门。</source>
        <translation>Choose a resource and a consumer department.</translation>
    </message>
    <message>
        <source>请填写询问内容。</source>
        <translation>Enter the question.</translation>
    </message>
    <message>
        <source>更正</source>
        <translation>Correct</translation>
    </message>
    <message>
        <source>或输入交付批次编号</source>
        <translation>or enter the delivery number</translation>
    </message>
    <message>
        <source>更正说明（可选）</source>
        <translation>Correction note (optional)</translation>
    </message>
    <message>
        <source>请选择报告异议之后交付的更正数据（第二十条）。</source>
        <translation>Choose the corrected delivery made after the report (Art. 20).</translation>
    </message>
    <message>
        <source>更正交付</source>
        <translation>Correcting delivery</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>无法读取交付记录：%1</source>
        <translation>Cannot read the deliveries: %1</translation>
    </message>
    <message>
        <source>#%1  %2  %3 行</source>
        <translation>#%1  %2  %3 rows</translation>
    </message>
    <message>
        <source>（报告之后尚无交付）</source>
        <translation>(no delivery since the report)</translation>
    </message>
    <message>
        <source>交付批次编号应为数字。</source>
        <translation>The delivery number must be a number.</translation>
    </message>
    <message>
        <source>请选择或输入更正数据的交付批次。</source>
        <translation>Choose or enter the correcting delivery.</translation>
    </message>
    <message>
        <source>上传证据…</source>
        <translation>Upload evidence…</translation>
    </message>
    <message>
        <source>下载证据…</source>
        <translation>Download evidence…</translation>
    </message>
    <message>
        <source>打开证据</source>
        <translation>Open evidence</translation>
    </message>
    <message>
        <source>提出异议…</source>
        <translation>Report a discrepancy…</translation>
    </message>
    <message>
        <source>上传证据：%1</source>
        <translation>Upload evidence: %1</translation>
    </message>
    <message>
        <source>选择证据材料</source>
        <translation>Choose evidence</translation>
    </message>
    <message>
        <source>证据材料已保存：%1</source>
        <translation>Evidence saved: %1</translation>
    </message>
    <message>
        <source>保存证据材料</source>
        <translation>Save evidence</translation>
    </message>
    <message>
        <source>新建询问…</source>
        <translation>New inquiry…</translation>
    </message>
    <message>
        <source>使用情况询问：%1</source>
        <translation>Usage inquiry: %1</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>共 %1 条</source>
        <translation>%1 in total</translation>
    </message>
    <message>
        <source>没有记录。</source>
        <translation>Nothing here.</translation>
    </message>
    <message>
        <source>无法打开：%1</source>
        <translation>Cannot open: %1</translation>
    </message>
    <message>
        <source>正在提交……</source>
        <translation>Submitting…</translation>
    </message>
    <message>
        <source>使用情况询问</source>
        <translation>Usage inquiries</translation>
    </message>
    <message>
        <source>数据异议</source>
        <translation>Data discrepancies</translation>
    </message>
    <message>
        <source>我发出的</source>
        <translation>Asked by me</translation>
    </message>
    <message>
        <source>我收到的</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>我提出的</source>
        <translation>Reported by us</translation>
    </message>
    <message>
        <source>针对我方的</source>
        <translation>Against us</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>提供部门 → 使用部门</source>
        <translation>Provider → Consumer</translation>
    </message>
    <message>
        <source>对方部门</source>
        <translation>Counterpart department</translation>
    </message>
    <message>
        <source>本年度的工作日安排尚未公布，期限为暂定。</source>
        <translation>This year&apos;s working-day schedule is not yet published; the deadline is provisional.</translation>
    </message>
    <message>
        <source>询问时间</source>
        <translation>Asked at</translation>
    </message>
    <message>
        <source>提出时间</source>
        <translation>Reported at</translation>
    </message>
    <message>
        <source>答复…</source>
        <translation>Answer…</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>更正…</source>
        <translation>Correct…</translation>
    </message>
    <message>
        <source>说明…</source>
        <translation>Explain…</translation>
    </message>
    <message>
        <source>接受</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>申请协调…</source>
        <translation>Request arbitration…</translation>
    </message>
    <message>
        <source>维持…</source>
        <translation>Uphold…</translation>
    </message>
    <message>
        <source>责令更正…</source>
        <translation>Order a correction…</translation>
    </message>
    <message>
        <source>请说明本部门使用该共享信息的情况（用途、范围、安全措施等，第二十二条）：</source>
        <translation>Describe how your department uses this shared data (purpose, scope, safeguards; Art. 22):</translation>
    </message>
    <message>
        <source>请说明经核实数据无误的理由（第二十条）：</source>
        <translation>Explain why the data was verified as correct (Art. 20):</translation>
    </message>
    <message>
        <source>对提供部门的答复有异议的，可申请信息化主管部门协调（第二十条）。请说明理由：</source>
        <translation>If you disagree with the provider&apos;s answer you may ask the platform authority to arbitrate (Art. 20). Give your reason:</translation>
    </message>
    <message>
        <source>维持提供部门的答复、办结该异议。请说明理由：</source>
        <translation>Uphold the provider&apos;s answer and close the report. Give your reason:</translation>
    </message>
    <message>
        <source>责令提供部门重新核实更正（重新计算答复期限）。请说明理由：</source>
        <translation>Order the provider to verify and correct again (a new deadline). Give your reason:</translation>
    </message>
    <message>
        <source>提出异议</source>
        <translation>Report a discrepancy</translation>
    </message>
    <message>
        <source>已办理：%1（%2），当前状态：%3。</source>
        <translation>Done: %1 (%2); status now: %3.</translation>
    </message>
    <message>
        <source>提供部门</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>询问人</source>
        <translation>Asked by</translation>
    </message>
    <message>
        <source>答复人</source>
        <translation>Answered by</translation>
    </message>
    <message>
        <source>答复内容</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>提出部门</source>
        <translation>Reporting department</translation>
    </message>
    <message>
        <source>提出人</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <source>交付批次</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>信息项</source>
        <translation>Data items</translation>
    </message>
    <message>
        <source>关键值</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>异议描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>证据材料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>更正交付批次</source>
        <translation>Correcting delivery</translation>
    </message>
    <message>
        <source>提供部门说明</source>
        <translation>Provider&apos;s explanation</translation>
    </message>
    <message>
        <source>（交付批次 %1）</source>
        <translation>(delivery %1)</translation>
    </message>
    <message>
        <source>可选：有误数据所在的交付批次编号</source>
        <translation>Optional: number of the delivery with the wrong data</translation>
    </message>
    <message>
        <source>每行一个关键值（如公民身份号码），可选</source>
        <translation>One key per line (e.g. citizen ID number), optional</translation>
    </message>
    <message>
        <source>发现的问题：哪些数据有误或不一致，应为何值</source>
        <translation>What is wrong or inconsistent, and what it should be</translation>
    </message>
    <message>
        <source>可选：证据材料文件</source>
        <translation>Optional: evidence file</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>本部门没有有效的共享授权，无可提出异议的数据。</source>
        <translation>Your department has no active grants: no data to report on.</translation>
    </message>
    <message>
        <source>（不限信息项）</source>
        <translation>(any data item)</translation>
    </message>
    <message>
        <source>请选择信息资源。</source>
        <translation>Choose a resource.</translation>
    </message>
    <message>
        <source>请填写异议描述。</source>
        <translation>Enter a description.</translation>
    </message>
    <message>
        <source>找不到证据材料文件：%1</source>
        <translation>Evidence file not found: %1</translation>
    </message>
    <message>
        <source>证据材料不得超过 %1 MB。</source>
        <translation>Evidence may not exceed %1 MB.</translation>
    </message>
    <message>
        <source>提出异议：%1</source>
        <translation>Discrepancy report: %1</translation>
    </message>
</context>
<context>
    <name>UserGuide</name>
    <message>
        <source># 用户指南

找不到用户指南文件：%1</source>
        <translation># User guide

The user guide file was not found: %1</translation>
    </message>
</context>
<context>
    <name>UserGuideDialog</name>
    <message>
        <source>GovShare 用户指南</source>
        <translation>GovShare user guide</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>WorkbookActions</name>
    <message>
        <source>导入/导出</source>
        <translation>Import/Export</translation>
    </message>
    <message>
        <source>按国家政务信息资源目录模板导出或导入本部门目录（Excel）</source>
        <translation>Export or import the department&apos;s catalog in the national catalog template (Excel)</translation>
    </message>
    <message>
        <source>导出本部门目录…</source>
        <translation>Export department catalog…</translation>
    </message>
    <message>
        <source>下载空白模板…</source>
        <translation>Download empty template…</translation>
    </message>
    <message>
        <source>从工作簿导入…</source>
        <translation>Import from workbook…</translation>
    </message>
    <message>
        <source>政务信息资源目录_%1.xlsx</source>
        <translation>catalog_%1.xlsx</translation>
    </message>
    <message>
        <source>导出本部门目录</source>
        <translation>Export department catalog</translation>
    </message>
    <message>
        <source>下载空白模板</source>
        <translation>Download empty template</translation>
    </message>
    <message>
        <source>政务信息资源目录模板.xlsx</source>
        <translation>catalog_template.xlsx</translation>
    </message>
    <message>
        <source>从工作簿导入</source>
        <translation>Import from workbook</translation>
    </message>
    <message>
        <source>操作未完成：%1</source>
        <translation>Not done: %1</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>已导出 %1 条目录到 %2</source>
        <translation>Exported %1 entries to %2</translation>
    </message>
    <message>
        <source>空白模板已保存到 %1</source>
        <translation>Empty template saved to %1</translation>
    </message>
    <message>
        <source>正在读取工作簿并核对…</source>
        <translation>Reading and checking the workbook…</translation>
    </message>
</context>
</TS>
