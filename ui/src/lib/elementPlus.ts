// Element Plus as the app uses it, in one place for the app and its tests: in Chinese, and with
// selects that build their dropdown (a popper holding every option) only when opened.
//
// Persistent, Element Plus's default, every select built its dropdown as its page arrived: the
// person drawer has a dozen selects, each ledger page two or three in its toolbar. Element Plus
// still reads the options' labels from the slot, so a closed select shows its value's label.
import ElementPlus, { ElSelect } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import type { Plugin } from 'vue'

ElSelect.props.persistent = { type: Boolean, default: false }

export const elementPlus: [Plugin, { locale: typeof zhCn }] = [ElementPlus, { locale: zhCn }]
