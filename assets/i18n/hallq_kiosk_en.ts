<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>GuideScreen</name>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n min</source>
        <translation>
            <numerusform>about %n min</numerusform>
            <numerusform>about %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Promised: %n working days</source>
        <translation>
            <numerusform>Promised: %n working day</numerusform>
            <numerusform>Promised: %n working days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Completed within %n working days</source>
        <translation>
            <numerusform>Completed within %n working day</numerusform>
            <numerusform>Completed within %n working days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message numerus="yes">
        <source>%n matters</source>
        <translation>
            <numerusform>%n matter</numerusform>
            <numerusform>%n matters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MattersScreen</name>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n min</source>
        <translation>
            <numerusform>about %n min</numerusform>
            <numerusform>about %n min</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message numerus="yes">
        <source>Back to the start in %n seconds</source>
        <translation>
            <numerusform>Back to the start in %n second</numerusform>
            <numerusform>Back to the start in %n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Please go to window %1</source>
        <translation>
            <numerusform>Please go to window %1</numerusform>
            <numerusform>Please go to windows %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n people ahead of you</source>
        <translation>
            <numerusform>%n person ahead of you</numerusform>
            <numerusform>%n people ahead of you</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n min</source>
        <translation>
            <numerusform>about %n min</numerusform>
            <numerusform>about %n min</numerusform>
        </translation>
    </message>
</context>
</TS>
