/**
 * A tile-grid layout of China's provincial units: one equal square cell per unit in PROVINCES, placed
 * roughly where it lies (no boundary data). Row 0 is the north, column 0 the west. Hong Kong, Macao and
 * Taiwan are not in PROVINCES and have no cell. 兵团 (XPCC) sits right next to 新疆, which it lies inside.
 *
 *      0     1     2     3     4     5     6     7
 *  0                                             黑龙江
 *  1  新疆   兵团        内蒙古 北京  天津  辽宁   吉林
 *  2        青海   甘肃  宁夏  山西  河北  山东
 *  3        西藏   四川  陕西  河南  安徽  江苏   上海
 *  4              云南  重庆  湖北  江西  浙江
 *  5                    贵州  湖南  广东  福建
 *  6                          广西
 *  7                                海南
 */

/** Grid position (column from the west, row from the north, both from 0) of every code in PROVINCES. */
export const PROVINCE_TILES: Record<string, { col: number; row: number }> = {
	'230000': { col: 7, row: 0 }, // 黑龙江
	'650000': { col: 0, row: 1 }, // 新疆
	XPCC: { col: 1, row: 1 }, // 新疆生产建设兵团
	'150000': { col: 3, row: 1 }, // 内蒙古
	'110000': { col: 4, row: 1 }, // 北京
	'120000': { col: 5, row: 1 }, // 天津
	'210000': { col: 6, row: 1 }, // 辽宁
	'220000': { col: 7, row: 1 }, // 吉林
	'630000': { col: 1, row: 2 }, // 青海
	'620000': { col: 2, row: 2 }, // 甘肃
	'640000': { col: 3, row: 2 }, // 宁夏
	'140000': { col: 4, row: 2 }, // 山西
	'130000': { col: 5, row: 2 }, // 河北
	'370000': { col: 6, row: 2 }, // 山东
	'540000': { col: 1, row: 3 }, // 西藏
	'510000': { col: 2, row: 3 }, // 四川
	'610000': { col: 3, row: 3 }, // 陕西
	'410000': { col: 4, row: 3 }, // 河南
	'340000': { col: 5, row: 3 }, // 安徽
	'320000': { col: 6, row: 3 }, // 江苏
	'310000': { col: 7, row: 3 }, // 上海
	'530000': { col: 2, row: 4 }, // 云南
	'500000': { col: 3, row: 4 }, // 重庆
	'420000': { col: 4, row: 4 }, // 湖北
	'360000': { col: 5, row: 4 }, // 江西
	'330000': { col: 6, row: 4 }, // 浙江
	'520000': { col: 3, row: 5 }, // 贵州
	'430000': { col: 4, row: 5 }, // 湖南
	'440000': { col: 5, row: 5 }, // 广东
	'350000': { col: 6, row: 5 }, // 福建
	'450000': { col: 4, row: 6 }, // 广西
	'460000': { col: 5, row: 7 } // 海南
};

/** Number of columns of the grid: every tile has 0 ≤ col < TILE_COLUMNS. */
export const TILE_COLUMNS = 8;

/** Number of rows of the grid: every tile has 0 ≤ row < TILE_ROWS. */
export const TILE_ROWS = 8;
