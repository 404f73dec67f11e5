declare module 'opencc-js/dict/TSCharacters' {
  /** `trad simp|trad simp …`, OpenCC's traditional → simplified character table. */
  const table: string;
  export default table;
}
