; atomics(float64[:], int32[:], float64[:], float64[:], int64[:])
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"


define void @atomics_0(i8* %arg33, i64 %arg34, i64 %arg35, i8* %arg36, i64 %arg37, i64 %arg38, i8* %arg39, i64 %arg40, i64 %arg41, i8* %arg42, i64 %arg43, i64 %arg44, i8* %arg45, i64 %arg46, i64 %arg47, i64* %err) {
entry:
  %slot1 = alloca i8*
  %slot2 = alloca i64
  %slot3 = alloca i64
  %slot4 = alloca i8*
  %slot5 = alloca i64
  %slot6 = alloca i64
  %slot7 = alloca i8*
  %slot8 = alloca i64
  %slot9 = alloca i64
  %slot10 = alloca i8*
  %slot11 = alloca i64
  %slot12 = alloca i64
  %slot13 = alloca i8*
  %slot14 = alloca i64
  %slot15 = alloca i64
  %slot16 = alloca i8*
  %slot17 = alloca i64
  %slot18 = alloca i64
  %slot19 = alloca i8*
  %slot20 = alloca i64
  %slot21 = alloca i64
  %slot22 = alloca i8*
  %slot23 = alloca i64
  %slot24 = alloca i64
  %slot25 = alloca i8*
  %slot26 = alloca i64
  %slot27 = alloca i64
  %slot28 = alloca i8*
  %slot29 = alloca i64
  %slot30 = alloca i64
  %slot31 = alloca i64
  %slot32 = alloca double
  %cur181 = alloca i64
  %cur217 = alloca i64
  store i8* %arg33, i8** %slot1
  store i64 %arg34, i64* %slot2
  store i64 %arg35, i64* %slot3
  store i8* %arg36, i8** %slot4
  store i64 %arg37, i64* %slot5
  store i64 %arg38, i64* %slot6
  store i8* %arg39, i8** %slot7
  store i64 %arg40, i64* %slot8
  store i64 %arg41, i64* %slot9
  store i8* %arg42, i8** %slot10
  store i64 %arg43, i64* %slot11
  store i64 %arg44, i64* %slot12
  store i8* %arg45, i8** %slot13
  store i64 %arg46, i64* %slot14
  store i64 %arg47, i64* %slot15
  br label %body
body:
  %v48 = load i8*, i8** %slot1
  %v49 = load i64, i64* %slot2
  %v50 = load i64, i64* %slot3
  store i8* %v48, i8** %slot16
  store i64 %v49, i64* %slot17
  store i64 %v50, i64* %slot18
  %v51 = load i8*, i8** %slot4
  %v52 = load i64, i64* %slot5
  %v53 = load i64, i64* %slot6
  store i8* %v51, i8** %slot19
  store i64 %v52, i64* %slot20
  store i64 %v53, i64* %slot21
  %v54 = load i8*, i8** %slot7
  %v55 = load i64, i64* %slot8
  %v56 = load i64, i64* %slot9
  store i8* %v54, i8** %slot22
  store i64 %v55, i64* %slot23
  store i64 %v56, i64* %slot24
  %v57 = load i8*, i8** %slot10
  %v58 = load i64, i64* %slot11
  %v59 = load i64, i64* %slot12
  store i8* %v57, i8** %slot25
  store i64 %v58, i64* %slot26
  store i64 %v59, i64* %slot27
  %v60 = load i8*, i8** %slot13
  %v61 = load i64, i64* %slot14
  %v62 = load i64, i64* %slot15
  store i8* %v60, i8** %slot28
  store i64 %v61, i64* %slot29
  store i64 %v62, i64* %slot30
  %sreg63 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %idx64 = zext i32 %sreg63 to i64
  %sreg65 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %idx66 = zext i32 %sreg65 to i64
  %mul67 = mul i64 %idx64, %idx66
  %sreg68 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %idx69 = zext i32 %sreg68 to i64
  %add70 = add i64 %mul67, %idx69
  store i64 %add70, i64* %slot31
  %v71 = load i64, i64* %slot31
  %v72 = load i8*, i8** %slot16
  %v73 = load i64, i64* %slot17
  %v74 = load i64, i64* %slot18
  %cmp75 = icmp slt i64 %v71, %v73
  br i1 %cmp75, label %then76, label %else77
then76:
  %v79 = load i8*, i8** %slot16
  %v80 = load i64, i64* %slot17
  %v81 = load i64, i64* %slot18
  %v82 = load i64, i64* %slot31
  %neg83 = icmp slt i64 %v82, 0
  %wrap84 = add i64 %v82, %v80
  %k85 = select i1 %neg83, i64 %wrap84, i64 %v82
  %oob86 = icmp uge i64 %k85, %v80
  br i1 %oob86, label %fail87, label %ok88, !prof !{!"branch_weights", i32 1, i32 2000}
fail87:
  %claim89 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won90 = extractvalue { i64, i1 } %claim89, 1
  br i1 %won90, label %record91, label %exit92
record91:
  %field93 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field93
  %field94 = getelementptr i64, i64* %err, i64 2
  store volatile i64 254, i64* %field94
  %field95 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v82, i64* %field95
  %field96 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field96
  %field97 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v80, i64* %field97
  br label %exit92
exit92:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok88:
  %term98 = mul i64 %k85, %v81
  %off99 = add i64 0, %term98
  %byte100 = getelementptr inbounds i8, i8* %v79, i64 %off99
  %elem101 = bitcast i8* %byte100 to double*
  %ld102 = load double, double* %elem101
  store double %ld102, double* %slot32
  %v103 = load i8*, i8** %slot19
  %v104 = load i64, i64* %slot20
  %v105 = load i64, i64* %slot21
  %v106 = load i64, i64* %slot31
  %and107 = and i64 %v106, 3
  %neg108 = icmp slt i64 %and107, 0
  %wrap109 = add i64 %and107, %v104
  %k110 = select i1 %neg108, i64 %wrap109, i64 %and107
  %oob111 = icmp uge i64 %k110, %v104
  br i1 %oob111, label %fail112, label %ok113, !prof !{!"branch_weights", i32 1, i32 2000}
fail112:
  %claim114 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won115 = extractvalue { i64, i1 } %claim114, 1
  br i1 %won115, label %record116, label %exit117
record116:
  %field118 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field118
  %field119 = getelementptr i64, i64* %err, i64 2
  store volatile i64 272, i64* %field119
  %field120 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %and107, i64* %field120
  %field121 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field121
  %field122 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v104, i64* %field122
  br label %exit117
exit117:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok113:
  %term123 = mul i64 %k110, %v105
  %off124 = add i64 0, %term123
  %byte125 = getelementptr inbounds i8, i8* %v103, i64 %off124
  %elem126 = bitcast i8* %byte125 to i32*
  %t127 = trunc i64 1 to i32
  %old128 = atomicrmw add i32* %elem126, i32 %t127 seq_cst
  %s129 = sext i32 %old128 to i64
  %v130 = load i8*, i8** %slot22
  %v131 = load i64, i64* %slot23
  %v132 = load i64, i64* %slot24
  %v133 = load double, double* %slot32
  %neg134 = icmp slt i64 0, 0
  %wrap135 = add i64 0, %v131
  %k136 = select i1 %neg134, i64 %wrap135, i64 0
  %oob137 = icmp uge i64 %k136, %v131
  br i1 %oob137, label %fail138, label %ok139, !prof !{!"branch_weights", i32 1, i32 2000}
fail138:
  %claim140 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won141 = extractvalue { i64, i1 } %claim140, 1
  br i1 %won141, label %record142, label %exit143
record142:
  %field144 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field144
  %field145 = getelementptr i64, i64* %err, i64 2
  store volatile i64 314, i64* %field145
  %field146 = getelementptr i64, i64* %err, i64 3
  store volatile i64 0, i64* %field146
  %field147 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field147
  %field148 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v131, i64* %field148
  br label %exit143
exit143:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok139:
  %term149 = mul i64 %k136, %v132
  %off150 = add i64 0, %term149
  %byte151 = getelementptr inbounds i8, i8* %v130, i64 %off150
  %elem152 = bitcast i8* %byte151 to double*
  %old153 = atomicrmw fadd double* %elem152, double %v133 seq_cst
  %v154 = load i8*, i8** %slot25
  %v155 = load i64, i64* %slot26
  %v156 = load i64, i64* %slot27
  %v157 = load double, double* %slot32
  %neg158 = icmp slt i64 0, 0
  %wrap159 = add i64 0, %v155
  %k160 = select i1 %neg158, i64 %wrap159, i64 0
  %oob161 = icmp uge i64 %k160, %v155
  br i1 %oob161, label %fail162, label %ok163, !prof !{!"branch_weights", i32 1, i32 2000}
fail162:
  %claim164 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won165 = extractvalue { i64, i1 } %claim164, 1
  br i1 %won165, label %record166, label %exit167
record166:
  %field168 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field168
  %field169 = getelementptr i64, i64* %err, i64 2
  store volatile i64 351, i64* %field169
  %field170 = getelementptr i64, i64* %err, i64 3
  store volatile i64 0, i64* %field170
  %field171 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field171
  %field172 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v155, i64* %field172
  br label %exit167
exit167:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok163:
  %term173 = mul i64 %k160, %v156
  %off174 = add i64 0, %term173
  %byte175 = getelementptr inbounds i8, i8* %v154, i64 %off174
  %elem176 = bitcast i8* %byte175 to double*
  %ip177 = bitcast double* %elem176 to i64*
  %cur178 = load volatile i64, i64* %ip177
  store i64 %cur178, i64* %cur181
  br label %casloop179
casloop179:
  %bits182 = load i64, i64* %cur181
  %f183 = bitcast i64 %bits182 to double
  %m184 = call double @llvm.maxnum.f64(double %f183, double %v157)
  %mb185 = bitcast double %m184 to i64
  %cas186 = cmpxchg i64* %ip177, i64 %bits182, i64 %mb185 seq_cst seq_cst
  %seen187 = extractvalue { i64, i1 } %cas186, 0
  %ok188 = extractvalue { i64, i1 } %cas186, 1
  store i64 %seen187, i64* %cur181
  br i1 %ok188, label %casdone180, label %casloop179
casdone180:
  %old189 = bitcast i64 %bits182 to double
  %v190 = load i8*, i8** %slot25
  %v191 = load i64, i64* %slot26
  %v192 = load i64, i64* %slot27
  %v193 = load double, double* %slot32
  %neg194 = icmp slt i64 1, 0
  %wrap195 = add i64 1, %v191
  %k196 = select i1 %neg194, i64 %wrap195, i64 1
  %oob197 = icmp uge i64 %k196, %v191
  br i1 %oob197, label %fail198, label %ok199, !prof !{!"branch_weights", i32 1, i32 2000}
fail198:
  %claim200 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won201 = extractvalue { i64, i1 } %claim200, 1
  br i1 %won201, label %record202, label %exit203
record202:
  %field204 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field204
  %field205 = getelementptr i64, i64* %err, i64 2
  store volatile i64 391, i64* %field205
  %field206 = getelementptr i64, i64* %err, i64 3
  store volatile i64 1, i64* %field206
  %field207 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field207
  %field208 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v191, i64* %field208
  br label %exit203
exit203:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok199:
  %term209 = mul i64 %k196, %v192
  %off210 = add i64 0, %term209
  %byte211 = getelementptr inbounds i8, i8* %v190, i64 %off210
  %elem212 = bitcast i8* %byte211 to double*
  %ip213 = bitcast double* %elem212 to i64*
  %cur214 = load volatile i64, i64* %ip213
  store i64 %cur214, i64* %cur217
  br label %casloop215
casloop215:
  %bits218 = load i64, i64* %cur217
  %f219 = bitcast i64 %bits218 to double
  %m220 = call double @llvm.minnum.f64(double %f219, double %v193)
  %mb221 = bitcast double %m220 to i64
  %cas222 = cmpxchg i64* %ip213, i64 %bits218, i64 %mb221 seq_cst seq_cst
  %seen223 = extractvalue { i64, i1 } %cas222, 0
  %ok224 = extractvalue { i64, i1 } %cas222, 1
  store i64 %seen223, i64* %cur217
  br i1 %ok224, label %casdone216, label %casloop215
casdone216:
  %old225 = bitcast i64 %bits218 to double
  %v226 = load i8*, i8** %slot28
  %v227 = load i64, i64* %slot29
  %v228 = load i64, i64* %slot30
  %v229 = load i64, i64* %slot31
  %add230 = add i64 %v229, 1
  %neg231 = icmp slt i64 0, 0
  %wrap232 = add i64 0, %v227
  %k233 = select i1 %neg231, i64 %wrap232, i64 0
  %oob234 = icmp uge i64 %k233, %v227
  br i1 %oob234, label %fail235, label %ok236, !prof !{!"branch_weights", i32 1, i32 2000}
fail235:
  %claim237 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won238 = extractvalue { i64, i1 } %claim237, 1
  br i1 %won238, label %record239, label %exit240
record239:
  %field241 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field241
  %field242 = getelementptr i64, i64* %err, i64 2
  store volatile i64 431, i64* %field242
  %field243 = getelementptr i64, i64* %err, i64 3
  store volatile i64 0, i64* %field243
  %field244 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field244
  %field245 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v227, i64* %field245
  br label %exit240
exit240:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok236:
  %term246 = mul i64 %k233, %v228
  %off247 = add i64 0, %term246
  %byte248 = getelementptr inbounds i8, i8* %v226, i64 %off247
  %elem249 = bitcast i8* %byte248 to i64*
  %cas250 = cmpxchg i64* %elem249, i64 0, i64 %add230 seq_cst seq_cst
  %old251 = extractvalue { i64, i1 } %cas250, 0
  br label %endif78
else77:
  br label %endif78
endif78:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare void @llvm.nvvm.membar.gl()
declare double @llvm.maxnum.f64(double, double)
declare double @llvm.minnum.f64(double, double)

!nvvm.annotations = !{!0}
!0 = !{void (i8*, i64, i64, i8*, i64, i64, i8*, i64, i64, i8*, i64, i64, i8*, i64, i64, i64*)* @atomics_0, !"kernel", i32 1}

