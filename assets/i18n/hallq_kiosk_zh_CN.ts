<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdminScreen</name>
    <message>
        <source>Staff settings</source>
        <translation>管理设置</translation>
    </message>
</context>
<context>
    <name>AppointmentScreen</name>
    <message>
        <source>Appointment check-in</source>
        <translation>预约签到</translation>
    </message>
    <message>
        <source>Key in the appointment code from your booking message, then choose the matter.</source>
        <translation>请输入预约短信中的预约码，然后选择办理事项。</translation>
    </message>
    <message>
        <source>Appointment code</source>
        <translation>预约码</translation>
    </message>
    <message>
        <source>Check in shortly before your booked time; late arrivals are served as walk-ins.</source>
        <translation>请在预约时段前签到；迟到将按现场取号排队。</translation>
    </message>
</context>
<context>
    <name>ClosedScreen</name>
    <message>
        <source>Booked an appointment? You can check in before your booked time.</source>
        <translation>已预约？可在预约时间前签到取号。</translation>
    </message>
    <message>
        <source>Tickets again from %1</source>
        <translation>下次取号时间：%1</translation>
    </message>
    <message>
        <source>Please see the notice at the entrance.</source>
        <translation>请留意大厅入口公告。</translation>
    </message>
</context>
<context>
    <name>GreenScreen</name>
    <message>
        <source>Green channel: served first</source>
        <translation>绿色通道 · 优先办理</translation>
    </message>
    <message>
        <source>Who is the ticket for?</source>
        <translation>请选择办事人员类别</translation>
    </message>
    <message>
        <source>Staff may ask to see a document (senior citizen card, disability certificate…).</source>
        <translation>工作人员可能会查验相关证件（老年证、残疾人证等）。</translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <source>People waiting</source>
        <translation>当前等候</translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>Estimated wait</source>
        <translation>预计等待</translation>
    </message>
    <message numerus="yes">
        <source>about %n min</source>
        <translation>
            <numerusform>约 %n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>Little or none</source>
        <translation>基本无需等待</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>办理窗口</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>%1 号</translation>
    </message>
    <message numerus="yes">
        <source>Promised: %n working days</source>
        <translation>
            <numerusform>承诺件 · %n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <source>Done on the spot</source>
        <translation>即办件</translation>
    </message>
    <message>
        <source>Real-name: bring your ID card</source>
        <translation>实名办理 · 请携带身份证</translation>
    </message>
    <message>
        <source>Materials to bring (%1)</source>
        <translation>申请材料（%1 项）</translation>
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
        <source>Conditions</source>
        <translation>受理条件</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>办理流程</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>收费标准</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>设定依据</translation>
    </message>
    <message>
        <source>Enquiries</source>
        <translation>咨询电话</translation>
    </message>
    <message numerus="yes">
        <source>Completed within %n working days</source>
        <translation>
            <numerusform>%n 个工作日内办结</numerusform>
        </translation>
    </message>
    <message>
        <source>Done on the spot when the materials are complete</source>
        <translation>材料齐全当场办结</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Please choose a service zone</source>
        <translation>请选择办理区域</translation>
    </message>
    <message>
        <source>Tap a zone to see its matters, or search for a matter</source>
        <translation>点击区域查看办理事项，或搜索事项</translation>
    </message>
    <message>
        <source>Search by name or pinyin initials, e.g. yyzz</source>
        <translation>搜索事项：输入名称或拼音首字母，如 yyzz</translation>
    </message>
    <message>
        <source>Connecting to the hall&apos;s server…</source>
        <translation>正在连接大厅服务器…</translation>
    </message>
    <message numerus="yes">
        <source>%n matters</source>
        <translation>
            <numerusform>%n 项事项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 人等候</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IdentityScreen</name>
    <message>
        <source>Please key in your ID card number</source>
        <translation>请输入身份证号码</translation>
    </message>
    <message>
        <source>%1 is a real-name matter: the ticket is tied to the applicant&apos;s ID.</source>
        <translation>“%1”需实名取号，号票与申请人身份证号绑定。</translation>
    </message>
    <message>
        <source>The number is checked here and never stored: the hall keeps only a coded fingerprint of it and prints it masked.</source>
        <translation>身份证号仅用于实名取号校验，系统只保存加密摘要，号票上隐去中间数字。</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>大小写</translation>
    </message>
    <message>
        <source>← Delete</source>
        <translation>← 删除</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空格</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Clear all</source>
        <translation>全部清除</translation>
    </message>
    <message>
        <source>← Delete</source>
        <translation>← 删除</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <source>No ticket was issued</source>
        <translation>未能取号</translation>
    </message>
    <message>
        <source>The ticket was not put back in line</source>
        <translation>未能重新排队</translation>
    </message>
    <message>
        <source>The code could not be read</source>
        <translation>无法识别</translation>
    </message>
    <message>
        <source>If you need help, please ask the staff at the help desk.</source>
        <translation>如需帮助，请到导办台咨询工作人员。</translation>
    </message>
    <message>
        <source>Please try again in a moment, or take a ticket at the help desk.</source>
        <translation>请稍后再试，或到导办台人工取号。</translation>
    </message>
    <message>
        <source>This is not the QR code or code of a ticket.</source>
        <translation>这不是号票上的二维码或编码。</translation>
    </message>
    <message>
        <source>An appointment code has only letters, digits and dashes (up to 16).</source>
        <translation>预约码由字母、数字和短横线组成（最多 16 位）。</translation>
    </message>
    <message>
        <source>The server sent a catalogue this kiosk cannot read.</source>
        <translation>服务器返回的事项目录无法读取。</translation>
    </message>
    <message>
        <source>Call staff</source>
        <translation>呼叫工作人员</translation>
    </message>
    <message>
        <source>Calling staff…</source>
        <translation>正在呼叫…</translation>
    </message>
    <message>
        <source>Staff called</source>
        <translation>已呼叫工作人员</translation>
    </message>
    <message>
        <source>Staff have been called, please wait</source>
        <translation>已通知工作人员，请稍候</translation>
    </message>
    <message>
        <source>A member of staff will come to this kiosk shortly.</source>
        <translation>工作人员马上到取号机旁为您服务。</translation>
    </message>
    <message>
        <source>Staff could not be called</source>
        <translation>未能呼叫工作人员</translation>
    </message>
    <message>
        <source>Please wait…</source>
        <translation>请稍候…</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>知道了</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Take a ticket</source>
        <translation>取号</translation>
    </message>
    <message>
        <source>Take a green-channel ticket</source>
        <translation>绿色通道取号</translation>
    </message>
    <message>
        <source>Take a ticket with your ID card</source>
        <translation>实名取号</translation>
    </message>
    <message>
        <source>Check in and take a ticket</source>
        <translation>签到取号</translation>
    </message>
    <message>
        <source>Print the one-time notice</source>
        <translation>打印一次性告知单</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Green channel: seniors, disabled, pregnant, military</source>
        <translation>绿色通道 · 老年人 残疾人 孕妇 军人</translation>
    </message>
    <message>
        <source>Appointment check-in</source>
        <translation>预约签到</translation>
    </message>
    <message>
        <source>Missed your number? Re-queue</source>
        <translation>过号重新排队</translation>
    </message>
    <message>
        <source>Confirm and take a ticket</source>
        <translation>确认取号</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Seniors (60 and over)</source>
        <translation>老年人（60周岁以上）</translation>
    </message>
    <message>
        <source>People with disabilities</source>
        <translation>残疾人</translation>
    </message>
    <message>
        <source>Pregnant women</source>
        <translation>孕妇</translation>
    </message>
    <message>
        <source>Military, veterans and their families</source>
        <translation>现役军人、退役军人及军属</translation>
    </message>
    <message>
        <source>Others who need help (ill or injured)</source>
        <translation>其他需要帮助的人员（伤病等）</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Re-queue</source>
        <translation>重新排队</translation>
    </message>
    <message>
        <source>Not issuing tickets now</source>
        <translation>暂停取号</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <source>Reload the catalogue</source>
        <translation>刷新事项目录</translation>
    </message>
    <message>
        <source>Full screen / window</source>
        <translation>全屏 / 窗口</translation>
    </message>
    <message>
        <source>Exit the kiosk</source>
        <translation>退出取号机</translation>
    </message>
    <message>
        <source>Scan to keep your place</source>
        <translation>请扫码保存号码</translation>
    </message>
    <message>
        <source>Printing your ticket…</source>
        <translation>正在打印号票…</translation>
    </message>
    <message>
        <source>Please take your ticket below</source>
        <translation>请取走出票口的号票</translation>
    </message>
    <message>
        <source>The printer cannot print right now</source>
        <translation>打印机暂时无法打印</translation>
    </message>
    <message>
        <source>This kiosk does not print tickets</source>
        <translation>本机不打印号票</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>密码错误。</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Printed: please take the slip below</source>
        <translation>已打印，请在出票口取走</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Device key</source>
        <translation>设备密钥</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>功能区</translation>
    </message>
    <message>
        <source>Idle timeout</source>
        <translation>无操作返回首页</translation>
    </message>
    <message>
        <source>Matters</source>
        <translation>事项数</translation>
    </message>
</context>
<context>
    <name>MattersScreen</name>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 / %2 页</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 人等候</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n min</source>
        <translation>
            <numerusform>约 %n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>window %1</source>
        <translation>%1 号窗口</translation>
    </message>
    <message>
        <source>ID card needed</source>
        <translation>需身份证</translation>
    </message>
    <message>
        <source>Find your matter</source>
        <translation>查找办理事项</translation>
    </message>
    <message>
        <source>Green channel</source>
        <translation>绿色通道</translation>
    </message>
    <message>
        <source>Appointment %1</source>
        <translation>预约 %1</translation>
    </message>
    <message>
        <source>Type a name, pinyin initials or English</source>
        <translation>输入事项名称、拼音首字母或英文</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>键盘</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一页</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一页 ▶</translation>
    </message>
    <message>
        <source>No matter found. Try fewer letters, or ask at the help desk.</source>
        <translation>没有找到相关事项。请减少输入的字母，或到导办台咨询。</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <source>Staff settings</source>
        <translation>管理设置</translation>
    </message>
    <message>
        <source>Enter the admin PIN.</source>
        <translation>请输入管理密码。</translation>
    </message>
    <message>
        <source>No admin PIN is configured for this kiosk (--admin-pin or HALLQ_KIOSK_ADMIN_PIN): settings stay locked.</source>
        <translation>本机未设置管理密码（--admin-pin 或 HALLQ_KIOSK_ADMIN_PIN），管理设置保持锁定。</translation>
    </message>
</context>
<context>
    <name>RequeueScreen</name>
    <message>
        <source>Missed your number?</source>
        <translation>过号了？</translation>
    </message>
    <message>
        <source>Hold your ticket&apos;s QR code under the scanner, or type the code from the address of your phone&apos;s queue page.</source>
        <translation>请将号票上的二维码对准扫码口，或输入手机排队页面地址中的编码。</translation>
    </message>
    <message>
        <source>Ticket code or queue page address</source>
        <translation>号票编码或排队页面地址</translation>
    </message>
    <message>
        <source>A missed ticket can go back in line once, on the same day, behind a few people.</source>
        <translation>过号的号票当天可重新排队一次，排在几位等候者之后。</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message numerus="yes">
        <source>Back to the start in %n seconds</source>
        <translation>
            <numerusform>%n 秒后返回首页</numerusform>
        </translation>
    </message>
    <message>
        <source>Your number</source>
        <translation>您的号码</translation>
    </message>
    <message>
        <source>Re-queued</source>
        <translation>已重新排队</translation>
    </message>
    <message>
        <source>Green channel</source>
        <translation>绿色通道</translation>
    </message>
    <message numerus="yes">
        <source>Please go to window %1</source>
        <translation>
            <numerusform>请到 %1 号窗口办理</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n people ahead of you</source>
        <translation>
            <numerusform>前面还有 %n 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n min</source>
        <translation>
            <numerusform>约 %n 分钟</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <source>Large text</source>
        <translation>大字模式</translation>
    </message>
</context>
</TS>
