<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Counter</name>
    <message>
        <source>Matters served here</source>
        <translation>本窗口办理事项</translation>
    </message>
    <message>
        <source>Sign in three times a day: morning, noon, afternoon</source>
        <translation>一日三签：上午、中午、下午各签到一次</translation>
    </message>
    <message>
        <source>Staff sign-in</source>
        <translation>工作人员签到</translation>
    </message>
    <message>
        <source>Staff ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>号</translation>
    </message>
    <message>
        <source>A role (in charge)</source>
        <translation>A角（主办）</translation>
    </message>
    <message>
        <source>B role (covering)</source>
        <translation>B角（顶岗）</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Help desk</source>
        <translation>导办台</translation>
    </message>
    <message>
        <source>Signed in today</source>
        <translation>今日签到</translation>
    </message>
    <message>
        <source>Reconnecting</source>
        <translation>连接中断，正在重连</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>签退</translation>
    </message>
    <message>
        <source>Ticket in hand</source>
        <translation>当前号码</translation>
    </message>
    <message>
        <source>Green channel</source>
        <translation>绿色通道</translation>
    </message>
    <message>
        <source>Waiting for this window</source>
        <translation>本窗口等候</translation>
    </message>
    <message>
        <source>Served today</source>
        <translation>今日已办</translation>
    </message>
    <message>
        <source>Service paused</source>
        <translation>暂停服务</translation>
    </message>
    <message>
        <source>No ticket in hand</source>
        <translation>暂无办理中的号</translation>
    </message>
    <message>
        <source>Press Call next to call the next citizen</source>
        <translation>按“叫号”呼叫下一位</translation>
    </message>
    <message>
        <source>Waited %1 min (ticket taken at %2)</source>
        <translation>已等候 %1 分钟（%2 取号）</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证</translation>
    </message>
    <message>
        <source>Recalled %1 times</source>
        <translation>已重呼 %1 次</translation>
    </message>
    <message>
        <source>Call next</source>
        <translation>叫号</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>重呼</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>过号</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>转移</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Finished on the spot</source>
        <translation>当场办结</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Application accepted; result by the promised date</source>
        <translation>受理申请，在承诺日期前办结</translation>
    </message>
    <message>
        <source>Needs materials</source>
        <translation>补正</translation>
    </message>
    <message>
        <source>Tick the missing materials; a notice prints</source>
        <translation>勾选缺少的材料，打印补正通知</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>The application cannot be accepted</source>
        <translation>申请不予受理</translation>
    </message>
    <message>
        <source>Enquiry</source>
        <translation>咨询</translation>
    </message>
    <message>
        <source>Information given only</source>
        <translation>仅提供咨询</translation>
    </message>
    <message>
        <source>Lunch break</source>
        <translation>午休</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Away for a moment</source>
        <translation>临时离开</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>业务培训</translation>
    </message>
    <message>
        <source>System maintenance</source>
        <translation>系统维护</translation>
    </message>
    <message>
        <source>Morning</source>
        <translation>上午</translation>
    </message>
    <message>
        <source>Noon</source>
        <translation>中午</translation>
    </message>
    <message>
        <source>Afternoon</source>
        <translation>下午</translation>
    </message>
    <message>
        <source>original</source>
        <translation>原件</translation>
    </message>
    <message>
        <source>copy</source>
        <translation>复印件</translation>
    </message>
    <message>
        <source>original and copy</source>
        <translation>原件及复印件</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注（可选）</translation>
    </message>
    <message>
        <source>%1 (%2, %3 copies)</source>
        <translation>%1（%2 %3 份）</translation>
    </message>
    <message>
        <source>Promised by %1</source>
        <translation>承诺办结日期：%1</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索事项</translation>
    </message>
    <message>
        <source>To a matter</source>
        <translation>转到事项</translation>
    </message>
    <message>
        <source>To a window</source>
        <translation>转到窗口</translation>
    </message>
    <message>
        <source>Pause service</source>
        <translation>暂停服务</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>其他原因（可输入）</translation>
    </message>
    <message>
        <source>The window is paused; resume it first.</source>
        <translation>窗口已暂停服务，请先恢复。</translation>
    </message>
    <message>
        <source>The window is not paused.</source>
        <translation>窗口未处于暂停状态。</translation>
    </message>
    <message>
        <source>Finish the current ticket first (complete, no-show, suspend or transfer).</source>
        <translation>请先处理当前号票（办结、过号、挂起或转移）。</translation>
    </message>
    <message>
        <source>This window has no ticket in hand.</source>
        <translation>该窗口当前没有正在办理的号票。</translation>
    </message>
    <message>
        <source>Nobody is waiting</source>
        <translation>当前无人排队</translation>
    </message>
    <message>
        <source>The notice of missing materials was printed</source>
        <translation>补正材料通知已打印</translation>
    </message>
    <message>
        <source>Notice not printed:</source>
        <translation>告知单未打印：</translation>
    </message>
    <message>
        <source>Called %1</source>
        <translation>已呼叫 %1</translation>
    </message>
    <message>
        <source>Called %1 again</source>
        <translation>已再次呼叫 %1</translation>
    </message>
    <message>
        <source>%1 marked as no-show</source>
        <translation>%1 已按过号处理</translation>
    </message>
    <message>
        <source>%1 suspended until the citizen is back</source>
        <translation>%1 已挂起，待群众补齐材料后回队</translation>
    </message>
    <message>
        <source>%1 transferred</source>
        <translation>%1 已转移</translation>
    </message>
    <message>
        <source>%1 completed</source>
        <translation>%1 已办结</translation>
    </message>
    <message>
        <source>Service resumed</source>
        <translation>已恢复服务</translation>
    </message>
    <message>
        <source>Service rating</source>
        <translation>好差评</translation>
    </message>
    <message>
        <source>Please rate our service</source>
        <translation>欢迎评价</translation>
    </message>
    <message>
        <source>When your service is finished, rate it here</source>
        <translation>办理结束后，请在此为本次服务评价</translation>
    </message>
    <message>
        <source>Please rate this service</source>
        <translation>请为本次服务评价</translation>
    </message>
    <message>
        <source>What was not good? (tick any)</source>
        <translation>请告诉我们不满意的原因（可多选）</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交评价</translation>
    </message>
    <message>
        <source>Thank you for your rating</source>
        <translation>感谢您的评价！</translation>
    </message>
    <message>
        <source>Your number %1: how was our service?</source>
        <translation>%1 号，您对本次服务满意吗？</translation>
    </message>
    <message>
        <source>We will look into it and get back to you</source>
        <translation>我们将认真核实并及时回访整改</translation>
    </message>
    <message>
        <source>Very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <source>Long wait</source>
        <translation>等候时间长</translation>
    </message>
    <message>
        <source>Poor attitude</source>
        <translation>服务态度差</translation>
    </message>
    <message>
        <source>Slow service</source>
        <translation>办事效率低</translation>
    </message>
    <message>
        <source>Not told everything at once</source>
        <translation>未一次性告知</translation>
    </message>
    <message>
        <source>Too many materials asked for</source>
        <translation>要求材料过多</translation>
    </message>
    <message>
        <source>Had to come back again</source>
        <translation>多次跑动</translation>
    </message>
    <message>
        <source>Guide unclear</source>
        <translation>办事指南不清晰</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>正在连接服务器</translation>
    </message>
    <message>
        <source>Calling</source>
        <translation>叫号中</translation>
    </message>
    <message>
        <source>Serving</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>未开放</translation>
    </message>
    <message>
        <source>Elderly</source>
        <translation>老年人</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>残疾人</translation>
    </message>
    <message>
        <source>Pregnant</source>
        <translation>孕妇</translation>
    </message>
    <message>
        <source>Military</source>
        <translation>军人</translation>
    </message>
    <message>
        <source>This hall has no window %1: check --window</source>
        <translation>本大厅没有%1号窗口，请检查 --window</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>窗口状态</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等候</translation>
    </message>
    <message>
        <source>people</source>
        <translation>人</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>公告</translation>
    </message>
    <message>
        <source>Connection lost, reconnecting</source>
        <translation>连接中断，正在重连</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>欢迎光临</translation>
    </message>
    <message>
        <source>Number %1, please go to window %2</source>
        <translation>请 %1 号到 %2 号窗口办理</translation>
    </message>
    <message>
        <source>Calling again</source>
        <translation>再次呼叫</translation>
    </message>
    <message>
        <source>Now calling</source>
        <translation>请</translation>
    </message>
    <message>
        <source>window (after its number)</source>
        <translation>号窗口</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Please wait for your number to be called</source>
        <translation>请留意屏幕显示和语音叫号</translation>
    </message>
    <message>
        <source>Recent calls</source>
        <translation>最近叫号</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Not open yet</source>
        <translation>暂未开放</translation>
    </message>
    <message>
        <source>Now serving</source>
        <translation>正在办理</translation>
    </message>
    <message>
        <source>Please come to this window</source>
        <translation>请到本窗口办理</translation>
    </message>
    <message>
        <source>Please wait for your number</source>
        <translation>欢迎光临，请等候叫号</translation>
    </message>
</context>
</TS>
