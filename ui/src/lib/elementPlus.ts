// Element Plus as the app uses it, in one place for the app and its tests: in Chinese.
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import type { Plugin } from 'vue'

export const elementPlus: [Plugin, { locale: typeof zhCn }] = [ElementPlus, { locale: zhCn }]
